// Package textenc decodes the files of a legacy estate to UTF-8. Scripts on
// Japanese VMs are often Shift_JIS (Windows-31J) or EUC-JP, because their
// comments are; sparkport reads them as they are and reports the encoding.
package textenc

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

// Encoding names as reported in inventory.json.
const (
	UTF8     = "utf-8"
	ShiftJIS = "shift_jis"
	EUCJP    = "euc-jp"
	Unknown  = "unknown"
)

// Result is a decoded text.
type Result struct {
	Text     []byte // UTF-8, line endings as in the file
	Encoding string
	CRLF     bool // the file uses CRLF line endings
	BOM      bool // a UTF-8 byte-order mark was removed
	Lossy    bool // some bytes could not be decoded and became U+FFFD
}

// Decode detects the encoding of src and returns it as UTF-8. Valid UTF-8
// wins; otherwise the Japanese encoding that decodes with fewer invalid
// sequences (ties go to Shift_JIS, the more common on these estates).
func Decode(src []byte) Result {
	r := Result{CRLF: bytes.Contains(src, []byte("\r\n"))}
	if b, ok := bytes.CutPrefix(src, []byte{0xEF, 0xBB, 0xBF}); ok {
		src, r.BOM = b, true
	}
	if utf8.Valid(src) {
		r.Text, r.Encoding = src, UTF8
		return r
	}
	sjis, sjisBad := decodeWith(japanese.ShiftJIS, src)
	euc, eucBad := decodeWith(japanese.EUCJP, src)
	switch {
	case sjisBad <= eucBad:
		r.Text, r.Encoding, r.Lossy = sjis, ShiftJIS, sjisBad > 0
	default:
		r.Text, r.Encoding, r.Lossy = euc, EUCJP, eucBad > 0
	}
	return r
}

// decodeWith decodes src and counts the replacement characters the
// decoder had to produce (those that were not in the input already).
func decodeWith(enc encoding.Encoding, src []byte) ([]byte, int) {
	out, err := enc.NewDecoder().Bytes(src)
	if err != nil {
		return out, len(src)
	}
	bad := bytes.Count(out, []byte("\uFFFD")) - bytes.Count(src, []byte("\uFFFD"))
	// Half-width katakana decode from single bytes 0xA1-0xDF in Shift_JIS;
	// EUC-JP text read as Shift_JIS turns into runs of them. Count them as
	// suspicious so that EUC-JP wins where it decodes cleanly.
	if enc == japanese.ShiftJIS {
		for _, c := range string(out) {
			if c >= 0xFF61 && c <= 0xFF9F {
				bad++
			}
		}
	}
	return out, bad
}

// IsBinary reports whether src looks like a binary file: a NUL byte in its
// first 8 KiB, as git and grep decide.
func IsBinary(src []byte) bool {
	if len(src) > 8192 {
		src = src[:8192]
	}
	return bytes.IndexByte(src, 0) >= 0
}
