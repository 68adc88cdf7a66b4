package inventory

import (
	"bytes"
	"testing"

	"github.com/sparkport/sparkport/internal/realworld"
)

// TestWriteJSONIsWholeEncoding: inventory.json written a list element at a
// time holds the bytes of encoding the Inventory at once, on the sample
// estate, an inventory with empty and nil lists, and the real-world corpora.
func TestWriteJSONIsWholeEncoding(t *testing.T) {
	check := func(t *testing.T, inv *Inventory) {
		t.Helper()
		got, err := inv.JSON()
		if err != nil {
			t.Fatal(err)
		}
		want, err := inv.jsonWhole()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("streamed JSON differs from the whole encoding at byte %d of %d/%d: %q vs %q", i, len(got), len(want), got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
		}
	}
	t.Run("sample", func(t *testing.T) {
		inv, err := Build("../corpus/estate", Options{})
		if err != nil {
			t.Fatal(err)
		}
		check(t, inv)
	})
	t.Run("empty", func(t *testing.T) {
		check(t, &Inventory{Schema: SchemaVersion, Files: nil, Jobs: nil, Cycles: [][]string{}, Estate: "<a&b>"})
	})
	for _, kind := range []string{"hive", "shell", "digdag"} {
		t.Run(kind, func(t *testing.T) {
			inv, err := Build(realworld.Require(t, kind), Options{})
			if err != nil {
				t.Fatal(err)
			}
			check(t, inv)
		})
	}
}
