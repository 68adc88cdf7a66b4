package translate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sparkport/sparkport/internal/realworld"
	"github.com/sparkport/sparkport/parser/hiveql"
)

func benchCorpus(b *testing.B) ([][]byte, int64) {
	dir := realworld.Require(b, "hive/clientpositive")
	names, _ := filepath.Glob(filepath.Join(dir, "*.q"))
	var srcs [][]byte
	var n int64
	for _, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, src)
		n += int64(len(src))
	}
	return srcs, n
}

// BenchmarkParseCorpus parses the Hive clientpositive corpus on one core:
// the baseline BenchmarkTranslateCorpus is measured against.
func BenchmarkParseCorpus(b *testing.B) {
	srcs, n := benchCorpus(b)
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, src := range srcs {
			hiveql.Parse(src, hiveql.Hive)
		}
	}
}

// BenchmarkTranslateCorpus parses and translates the same corpus: the
// translation's own cost is the difference between the two.
func BenchmarkTranslateCorpus(b *testing.B) {
	srcs, n := benchCorpus(b)
	cfg := corpusConfig(b)
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, src := range srcs {
			Translate("bench.q", src, cfg, Options{})
		}
	}
}
