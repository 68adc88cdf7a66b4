package hiveql

import "testing"

func corpusBytes(b *testing.B) ([]corpusFile, int64) {
	files := loadCorpus(b)
	var n int64
	for _, f := range files {
		n += int64(len(f.src))
	}
	return files, n
}

// BenchmarkLex lexes the whole Hive clientpositive corpus per iteration.
func BenchmarkLex(b *testing.B) {
	files, n := corpusBytes(b)
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			Lex(f.src, Hive)
		}
	}
}

// BenchmarkParse parses the whole Hive clientpositive corpus per iteration,
// on one core.
func BenchmarkParse(b *testing.B) {
	files, n := corpusBytes(b)
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			Parse(f.src, Hive)
		}
	}
}

// BenchmarkPrint prints every parsed statement of the corpus.
func BenchmarkPrint(b *testing.B) {
	files, n := corpusBytes(b)
	var parsed []*File
	for _, f := range files {
		pf, _ := Parse(f.src, Hive)
		for _, st := range pf.Statements {
			if _, bad := st.Stmt.(*BadStmt); bad {
				st.Stmt = &CLIStmt{Command: "SET"}
			}
		}
		parsed = append(parsed, pf)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, f := range parsed {
			Print(f, Hive)
		}
	}
}
