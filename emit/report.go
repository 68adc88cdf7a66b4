package emit

import (
	"sync"

	"github.com/sparkport/sparkport/inventory"
)

// inventoryReports are the inventory's reports under report/, built side
// by side.
func (e *emitter) inventoryReports() {
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		defer wg.Done()
		e.create("report/"+inventory.JSONFile, e.inv.WriteJSON)
	}()
	go func() { defer wg.Done(); e.put("report/"+inventory.MarkdownFile, e.inv.Markdown()) }()
	go func() {
		defer wg.Done()
		e.put("report/"+inventory.HTMLFile, e.inv.HTML())
		e.put("report/"+inventory.DOTFile, e.inv.DOT())
	}()
	wg.Wait()
}
