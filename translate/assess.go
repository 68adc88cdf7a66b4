package translate

import (
	"slices"
	"sort"
	"sync"
)

// Assessor returns a judge of SQL texts for the inventory: "manual" when a
// statement needs a person, "warnings" when a hazard was reported, "auto"
// otherwise, with the rules that warned or refused (sorted; info findings
// are not listed). Copies of a job share a verdict: each distinct text is
// translated once, whatever file it came from; the judge is safe for
// concurrent use.
func Assessor(cfg *Config) func(file, sql string) (verdict string, rules []string) {
	type assessment struct {
		verdict string
		rules   []string
	}
	var cache sync.Map // SQL text → assessment
	return func(file, sql string) (string, []string) {
		if v, ok := cache.Load(sql); ok {
			a := v.(assessment)
			return a.verdict, a.rules
		}
		r := Translate(file, []byte(sql), cfg, Options{})
		verdict := "auto"
		var rules []string
		for _, d := range r.Diagnostics {
			switch d.Severity {
			case Error:
				verdict = "manual"
			case Warning:
				if verdict == "auto" {
					verdict = "warnings"
				}
			default:
				continue
			}
			if d.Rule != "" && !slices.Contains(rules, d.Rule) {
				rules = append(rules, d.Rule)
			}
		}
		sort.Strings(rules)
		cache.Store(sql, assessment{verdict, rules})
		return verdict, rules
	}
}
