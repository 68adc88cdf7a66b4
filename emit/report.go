package emit

import (
	"sync"

	"github.com/sparkport/sparkport/inventory"
)

// inventoryReports are the inventory's reports under report/, built side
// by side.
func (e *emitter) inventoryReports() (map[string][]byte, error) {
	var js, md, html, dot []byte
	var err error
	var wg sync.WaitGroup
	wg.Add(3)
	go func() { defer wg.Done(); js, err = e.inv.JSON() }()
	go func() { defer wg.Done(); md = e.inv.Markdown() }()
	go func() { defer wg.Done(); html = e.inv.HTML(); dot = e.inv.DOT() }()
	wg.Wait()
	if err != nil {
		return nil, err
	}
	return map[string][]byte{
		"report/" + inventory.JSONFile:     js,
		"report/" + inventory.MarkdownFile: md,
		"report/" + inventory.HTMLFile:     html,
		"report/" + inventory.DOTFile:      dot,
	}, nil
}
