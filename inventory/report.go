package inventory

import (
	"bytes"
	"encoding/json"

	"github.com/sparkport/sparkport/internal/outdir"
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

// Reports are inventory.json, inventory.md, inventory.html and
// lineage.dot by file name; the CLI writes them with internal/outdir.
func Reports(inv *Inventory) (map[string][]byte, error) {
	js, err := inv.JSON()
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		JSONFile:     js,
		MarkdownFile: inv.Markdown(),
		HTMLFile:     inv.HTML(),
		DOTFile:      inv.DOT(),
	}, nil
}

// WriteReports writes the reports into dir atomically (a new folder
// renamed into place), replacing an earlier sparkport output there.
func WriteReports(dir string, inv *Inventory) error {
	files, err := Reports(inv)
	if err != nil {
		return err
	}
	return outdir.Write(dir, "inventory", files, true)
}
