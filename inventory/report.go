package inventory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Report files written by WriteReports.
const (
	JSONFile     = "inventory.json"
	MarkdownFile = "inventory.md"
	HTMLFile     = "inventory.html"
	DOTFile      = "lineage.dot"
)

// JSON is inventory.json: indented, keys in struct order, maps sorted,
// no HTML escaping, so that identical input gives identical bytes.
func (inv *Inventory) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(inv); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteReports writes inventory.json, inventory.md, inventory.html and
// lineage.dot into dir, each through a temporary file renamed into place,
// so that a reader never sees half a report.
func WriteReports(dir string, inv *Inventory) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js, err := inv.JSON()
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
	}{
		{JSONFile, js},
		{MarkdownFile, inv.Markdown()},
		{HTMLFile, inv.HTML()},
		{DOTFile, inv.DOT()},
	}
	for _, f := range files {
		if err := writeAtomic(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-"+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return nil
}
