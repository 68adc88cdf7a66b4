package hiveql

import "reflect"

// Equal reports whether two trees are the same, positions aside: Span,
// Comment.Pos and Statement.End are ignored, and a nil slice equals an empty
// one. The round-trip tests use it, and so does anything that compares
// statements by meaning of their text rather than by where they stand.
func Equal(a, b any) bool {
	return equalValue(reflect.ValueOf(a), reflect.ValueOf(b))
}

var (
	spanType      = reflect.TypeOf(Span{})
	commentType   = reflect.TypeOf(Comment{})
	statementType = reflect.TypeOf(Statement{})
)

func equalValue(a, b reflect.Value) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equalValue(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !equalValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		t := a.Type()
		if t == spanType {
			return true
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if (t == commentType && f.Name == "Pos") || (t == statementType && f.Name == "End") {
				continue
			}
			if !equalValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return a.Uint() == b.Uint()
	}
	return a.Interface() == b.Interface()
}
