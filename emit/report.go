package emit

import (
	"github.com/sparkport/sparkport/inventory"
)

// emitReports puts the inventory reports under report/.
func (e *emitter) emitReports() error {
	js, err := e.inv.JSON()
	if err != nil {
		return err
	}
	e.files["report/"+inventory.JSONFile] = js
	e.files["report/"+inventory.MarkdownFile] = e.inv.Markdown()
	e.files["report/"+inventory.HTMLFile] = e.inv.HTML()
	e.files["report/"+inventory.DOTFile] = e.inv.DOT()
	return nil
}

// UnitReport is one canonical job as the review report shows it.
type UnitReport struct {
	Name string
}

func (e *emitter) unitReports() []*UnitReport {
	var out []*UnitReport
	for _, p := range e.plans {
		out = append(out, &UnitReport{Name: p.u.name})
	}
	return out
}
