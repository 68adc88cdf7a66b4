package emit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sort"
	"sync"
)

// FileSink receives the output files as they are made. migrate's is the
// output folder being written (internal/outdir.Output), so that the
// output — 420 MB for a 1,720-VM estate — is never held in memory whole;
// without one, Build keeps the files in Output.Files.
type FileSink interface {
	// Create makes the file at a slash-separated relative path, written
	// through write; it is safe for concurrent use, and a path made
	// twice is an error.
	Create(path string, write func(io.Writer) error) error
}

// memSink keeps the files in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memSink) Create(p string, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.files[p]; dup {
		return fmt.Errorf("internal error: output file %q written twice", p)
	}
	m.files[p] = b.Bytes()
	return nil
}

// put makes one output file from its bytes.
func (e *emitter) put(p string, data []byte) {
	e.create(p, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// create makes one output file through write, and notes its SHA-256 and
// size for the manifest. The first failure is kept for Build to return.
func (e *emitter) create(p string, write func(io.Writer) error) {
	h := sha256.New()
	var n countWriter
	err := e.sink.Create(p, func(w io.Writer) error { return write(io.MultiWriter(w, h, &n)) })
	e.writtenMu.Lock()
	defer e.writtenMu.Unlock()
	if err != nil {
		if e.writeErr == nil {
			e.writeErr = fmt.Errorf("%s: %w", p, err)
		}
		return
	}
	e.written = append(e.written, &FileEntry{Path: p, SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: int(n)})
}

// hashFiles lists every file written so far with its SHA-256, by path.
func (e *emitter) hashFiles() []*FileEntry {
	e.writtenMu.Lock()
	defer e.writtenMu.Unlock()
	out := append([]*FileEntry(nil), e.written...)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
