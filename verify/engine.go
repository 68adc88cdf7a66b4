package verify

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/apache/spark-connect-go/spark/sparkerrors"
	"github.com/apache/spark-connect-go/spark/sql"
)

// Engine runs statements in one Spark session.
type Engine interface {
	// Exec runs one statement; query says it returns rows, which are
	// fetched (and counted) so that the query really runs.
	Exec(ctx context.Context, stmt string, query bool) (rows int, err error)
	Close() error
}

// Error is a statement's failure as Spark reports it.
type Error struct {
	Class   string // Spark's error class: TABLE_OR_VIEW_NOT_FOUND, …; verify's own start with SPARKPORT_
	Message string
}

func (e *Error) Error() string { return "[" + e.Class + "] " + e.Message }

// connectEngine talks to a Spark Connect server.
type connectEngine struct {
	session sql.SparkSession
}

// Connect opens a session on a Spark Connect server (sc://host:port).
func Connect(ctx context.Context, url string) (Engine, error) {
	s, err := sql.NewSessionBuilder().Remote(url).Build(ctx)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %v", url, err)
	}
	e := &connectEngine{session: s}
	// The first call reaches the server: fail now, not on statement one.
	if _, err := e.Exec(ctx, "SELECT 1", true); err != nil {
		return nil, fmt.Errorf("connect to %s: %v", url, err)
	}
	return e, nil
}

func (e *connectEngine) Exec(ctx context.Context, stmt string, query bool) (int, error) {
	df, err := e.session.Sql(ctx, stmt)
	if err != nil {
		return 0, sparkError(err)
	}
	if !query {
		return 0, nil
	}
	rows, err := df.Collect(ctx)
	if err != nil {
		return 0, sparkError(err)
	}
	return len(rows), nil
}

func (e *connectEngine) Close() error { return e.session.Stop() }

// sparkError turns what the client returns into an Error with Spark's
// error class. The class comes from the server's ErrorInfo when the client
// kept it, else from the "[CLASS] message" text Spark 3.5 writes.
func sparkError(err error) error {
	var se *sparkerrors.SparkError
	if errors.As(err, &se) && se.ErrorClass != "" {
		return &Error{Class: se.ErrorClass, Message: oneLine(se.Message)}
	}
	msg := err.Error()
	// failed to execute sql: <stmt>: execution error: [Internal] [CLASS] message
	if i := strings.LastIndex(msg, "execution error: "); i >= 0 {
		msg = msg[i+len("execution error: "):]
	}
	for _, code := range []string{"[Internal] ", "[Unknown] ", "[InvalidArgument] ", "[Unavailable] "} {
		msg = strings.TrimPrefix(msg, code)
	}
	msg = strings.TrimSpace(msg)
	class := "UNCLASSIFIED"
	if strings.HasPrefix(msg, "[") {
		if j := strings.IndexByte(msg, ']'); j > 1 && !strings.ContainsAny(msg[1:j], " ") {
			class, msg = msg[1:j], strings.TrimSpace(msg[j+1:])
		}
	}
	if strings.Contains(err.Error(), "Unavailable") || strings.Contains(err.Error(), "connection refused") {
		class = "SPARKPORT_CONNECTION"
	}
	return &Error{Class: class, Message: oneLine(msg)}
}

// oneLine keeps the first line of a message, shortened: Spark appends the
// plan, which helps nobody reading a list of failures.
func oneLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	s = strings.TrimSpace(s)
	if len(s) > 400 {
		s = s[:400] + "…"
	}
	return s
}

// RowEngine is an Engine that also returns what a query computed, for
// comparing it with another engine's answer.
type RowEngine interface {
	Engine
	// Rows runs a query and returns at most max rows, every value as the
	// engine's own text for it (nil for NULL).
	Rows(ctx context.Context, stmt string, max int) ([][]*string, error)
}

// Rows runs a query on Spark; values are rendered by the caller's casts
// (verify asks Spark for strings), anything else with fmt.
func (e *connectEngine) Rows(ctx context.Context, stmt string, max int) ([][]*string, error) {
	df, err := e.session.Sql(ctx, stmt)
	if err != nil {
		return nil, sparkError(err)
	}
	if max > 0 {
		df = df.Limit(ctx, int32(max))
	}
	rows, err := df.Collect(ctx)
	if err != nil {
		return nil, sparkError(err)
	}
	out := make([][]*string, len(rows))
	for i, r := range rows {
		vals := r.Values()
		cells := make([]*string, len(vals))
		for j, v := range vals {
			if v == nil {
				continue
			}
			s, ok := v.(string)
			if !ok {
				s = fmt.Sprint(v)
			}
			cells[j] = &s
		}
		out[i] = cells
	}
	return out, nil
}
