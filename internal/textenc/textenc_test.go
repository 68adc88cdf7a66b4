package textenc

import (
	"testing"

	"golang.org/x/text/encoding/japanese"
)

func TestDecode(t *testing.T) {
	const text = "-- 日次売上集計（店舗別）\r\nselect 1;\r\n"
	sjis, _ := japanese.ShiftJIS.NewEncoder().String(text)
	euc, _ := japanese.EUCJP.NewEncoder().String(text)
	tests := []struct {
		name, src, enc string
		crlf, bom      bool
	}{
		{"utf-8", text, UTF8, true, false},
		{"utf-8 with BOM", "\xEF\xBB\xBF" + text, UTF8, true, true},
		{"shift_jis", sjis, ShiftJIS, true, false},
		{"euc-jp", euc, EUCJP, true, false},
		{"ascii, LF", "select 1;\n", UTF8, false, false},
	}
	for _, tt := range tests {
		r := Decode([]byte(tt.src))
		if r.Encoding != tt.enc || r.CRLF != tt.crlf || r.BOM != tt.bom || r.Lossy {
			t.Errorf("%s: got %s crlf=%v bom=%v lossy=%v", tt.name, r.Encoding, r.CRLF, r.BOM, r.Lossy)
		}
		want := text
		if tt.name == "ascii, LF" {
			want = tt.src
		}
		if string(r.Text) != want {
			t.Errorf("%s: decoded %q", tt.name, r.Text)
		}
	}
}

func TestDecodeGarbage(t *testing.T) {
	r := Decode([]byte{0x80, 0x80, 0xFF, 0xFE, 'a'})
	if !r.Lossy {
		t.Errorf("garbage decoded without loss as %s", r.Encoding)
	}
}

func TestIsBinary(t *testing.T) {
	if !IsBinary([]byte("ELF\x00\x01")) || IsBinary([]byte("select 1;")) {
		t.Error("IsBinary")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("select 1;\r\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		r := Decode(src)
		if r.Encoding == "" {
			t.Fatal("no encoding")
		}
	})
}
