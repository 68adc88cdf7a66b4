package inventory

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"

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
	if err := inv.WriteJSON(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteJSON writes inventory.json to w, one element of each top-level list
// at a time: the bytes are those of encoding the whole Inventory at once
// (json.Encoder, two-space indent, no HTML escaping), without holding the
// document — a tenth of a 1,720-VM estate's output — in memory twice.
func (inv *Inventory) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	// encode writes v as the encoder does at the given depth, without the
	// encoder's final newline.
	encode := func(v any, prefix string) error {
		buf.Reset()
		enc.SetIndent(prefix, "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		return err
	}
	v := reflect.ValueOf(inv).Elem()
	t := v.Type()
	bw.WriteString("{\n")
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		bw.WriteString(`  "` + name + `": `)
		f := v.Field(i)
		if f.Kind() != reflect.Slice || f.Len() == 0 {
			if err := encode(f.Interface(), "  "); err != nil {
				return err
			}
		} else {
			bw.WriteString("[\n")
			for k := 0; k < f.Len(); k++ {
				bw.WriteString("    ")
				if err := encode(f.Index(k).Interface(), "    "); err != nil {
					return err
				}
				if k < f.Len()-1 {
					bw.WriteString(",")
				}
				bw.WriteString("\n")
			}
			bw.WriteString("  ]")
		}
		if i < t.NumField()-1 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// jsonWhole is inventory.json encoded at once, for the test that WriteJSON
// writes the same bytes.
func (inv *Inventory) jsonWhole() ([]byte, error) {
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
