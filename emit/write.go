package emit

import "github.com/sparkport/sparkport/internal/outdir"

// Write puts the output files into dir atomically (see internal/outdir):
// a new folder is written beside dir and swapped into place, so that an
// interrupted run leaves dir as it was. An existing dir is replaced only
// when force is set and it is empty or an earlier sparkport output.
func Write(dir string, files map[string][]byte, force bool) error {
	return outdir.Write(dir, "migrate", files, force)
}
