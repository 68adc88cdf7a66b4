// Package digdag reads Digdag workflow definitions (.dig files) into a task
// tree with positions: +task keys and their nesting, operators and their
// parameters, the _export, _parallel, _retry, _error, _check, _do and
// _background directives, !include, timezone and schedule, and the ${...}
// references each value makes.
//
// It reads .dig files through go.yaml.in/yaml/v3's node tree, never by
// decoding into maps: a map loses key order, line numbers and Digdag's
// "!include : 'file.dig'" keys, whose tag is the only thing that marks them.
//
// The package runs nothing and resolves no file: an !include is kept as a
// task of kind include for the caller to load.
package digdag
