package hiveql

import (
	"reflect"
	"sync"
	"sync/atomic"
)

// Inspect traverses the tree rooted at n in depth-first order, calling f
// for each node; when f returns false, Inspect skips the node's children.
// Like go/ast.Inspect.
//
// It finds children by reflection, with each struct type's node-holding
// fields computed once and cached: the AST has some eighty node types, and
// a hand-written switch over all of them would be a second copy of the AST
// to keep in step with it.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || isNilNode(n) {
		return
	}
	if !f(n) {
		return
	}
	v := reflect.ValueOf(n)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for _, i := range childFields(v.Type()) {
		inspectValue(v.Field(i), f)
	}
}

var nodeType = reflect.TypeOf((*Node)(nil)).Elem()

func isNilNode(n Node) bool {
	v := reflect.ValueOf(n)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

func inspectValue(v reflect.Value, f func(Node) bool) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return
		}
		if n, ok := v.Interface().(Node); ok {
			Inspect(n, f)
			return
		}
		if v.Kind() == reflect.Pointer {
			inspectValue(v.Elem(), f)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			inspectValue(v.Index(i), f)
		}
	case reflect.Struct:
		// An embedded struct such as Tail.
		for _, i := range childFields(v.Type()) {
			inspectValue(v.Field(i), f)
		}
	}
}

// fieldCache maps a struct type to its node-holding fields. It is copied
// on write: after the first few statements every type is in it and a
// lookup is one atomic load and one map access, which matters because
// walks ask for every node (sync.Map was 7% of a translation's time).
var (
	fieldCache   atomic.Pointer[map[reflect.Type][]int]
	fieldCacheMu sync.Mutex
)

// childFields lists the fields of struct type t that can hold nodes.
func childFields(t reflect.Type) []int {
	if m := fieldCache.Load(); m != nil {
		if c, ok := (*m)[t]; ok {
			return c
		}
	}
	var out []int
	for i := 0; i < t.NumField(); i++ {
		if canHoldNode(t.Field(i).Type, 0) {
			out = append(out, i)
		}
	}
	fieldCacheMu.Lock()
	defer fieldCacheMu.Unlock()
	next := map[reflect.Type][]int{t: out}
	if m := fieldCache.Load(); m != nil {
		for k, v := range *m {
			next[k] = v
		}
	}
	fieldCache.Store(&next)
	return out
}

func canHoldNode(t reflect.Type, depth int) bool {
	if depth > 4 {
		return false
	}
	if t.Implements(nodeType) {
		return true
	}
	switch t.Kind() {
	case reflect.Interface:
		return t.Implements(nodeType) || t == nodeType
	case reflect.Pointer, reflect.Slice:
		return canHoldNode(t.Elem(), depth+1)
	case reflect.Struct:
		if t == reflect.TypeOf(Span{}) {
			return false
		}
		for i := 0; i < t.NumField(); i++ {
			if canHoldNode(t.Field(i).Type, depth+1) {
				return true
			}
		}
	}
	return false
}

var exprType = reflect.TypeOf((*Expr)(nil)).Elem()

// Rewrite traverses the tree rooted at n depth-first, calling f for every
// node after its children. Where a node sits in a field or slice element of
// type Expr, the node f returns replaces it (it must then be an Expr);
// elsewhere the result is ignored, and f changes a node by mutating it.
// Rewrite is how translation rules replace expressions: one traversal
// serves every rule.
func Rewrite(n Node, f func(Node) Node) {
	if n == nil || isNilNode(n) {
		return
	}
	rewriteChildren(reflect.ValueOf(n), f)
	f(n)
}

func rewriteChildren(v reflect.Value, f func(Node) Node) {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for _, i := range childFields(v.Type()) {
		rewriteValue(v.Field(i), f)
	}
}

func rewriteValue(v reflect.Value, f func(Node) Node) {
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return
		}
		n, ok := v.Interface().(Node)
		if !ok {
			if v.Kind() == reflect.Pointer {
				rewriteValue(v.Elem(), f)
			}
			return
		}
		rewriteChildren(reflect.ValueOf(n), f)
		r := f(n)
		if v.Type() == exprType && v.CanSet() && r != nil && r != n {
			v.Set(reflect.ValueOf(r))
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			rewriteValue(v.Index(i), f)
		}
	case reflect.Struct:
		for _, i := range childFields(v.Type()) {
			rewriteValue(v.Field(i), f)
		}
	}
}
