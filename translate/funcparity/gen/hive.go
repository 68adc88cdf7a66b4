package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// registration is one system.registerX(...) call in a FunctionRegistry.java.
type registration struct {
	name, kind string
}

// registerKinds maps FunctionRegistry's register methods to the kind of
// function they register. registerHiddenBuiltIn (operators' internal
// variants, no name) and registerUDFPlugin (the DataSketches plugin, whose
// names are built at run time) are not here and are counted as skipped.
var registerKinds = map[string]string{
	"registerUDF":            "UDF",
	"registerGenericUDF":     "UDF",
	"registerFunction":       "UDF",
	"registerUDAF":           "UDAF",
	"registerGenericUDAF":    "UDAF",
	"registerGenericUDTF":    "UDTF",
	"registerWindowFunction": "window",
	"registerTableFunction":  "PTF",
}

// serdeTypeNames are the serdeConstants type names the registry registers
// cast functions under (Hive's serdeConstants.java).
var serdeTypeNames = map[string]string{
	"BOOLEAN_TYPE_NAME": "boolean", "TINYINT_TYPE_NAME": "tinyint", "SMALLINT_TYPE_NAME": "smallint",
	"INT_TYPE_NAME": "int", "BIGINT_TYPE_NAME": "bigint", "FLOAT_TYPE_NAME": "float",
	"DOUBLE_TYPE_NAME": "double", "STRING_TYPE_NAME": "string", "DATE_TYPE_NAME": "date",
	"TIMESTAMP_TYPE_NAME": "timestamp", "TIMESTAMPLOCALTZ_TYPE_NAME": "timestamp with local time zone",
	"INTERVAL_YEAR_MONTH_TYPE_NAME": "interval_year_month", "INTERVAL_DAY_TIME_TYPE_NAME": "interval_day_time",
	"BINARY_TYPE_NAME": "binary", "DECIMAL_TYPE_NAME": "decimal", "VARCHAR_TYPE_NAME": "varchar",
	"CHAR_TYPE_NAME": "char",
}

// maskNames are the UDF_NAME constants of Hive's GenericUDFMask* classes.
var maskNames = map[string]string{
	"GenericUDFMask": "mask", "GenericUDFMaskFirstN": "mask_first_n", "GenericUDFMaskLastN": "mask_last_n",
	"GenericUDFMaskShowFirstN": "mask_show_first_n", "GenericUDFMaskShowLastN": "mask_show_last_n",
	"GenericUDFMaskHash": "mask_hash",
}

// readRegistry lists the functions one FunctionRegistry.java registers.
// It reads the calls' first argument only: a string literal, a String
// constant of the same file, a serde type name, a class's simple name or a
// mask class's UDF_NAME. Anything else is an error, so that a new form in
// a later Hive is noticed rather than skipped.
func readRegistry(path string) (regs []registration, skipped int, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	consts := map[string]string{}
	var calls []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	var lines []int
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(t, "//") || strings.HasPrefix(t, "*") {
			continue
		}
		if i := strings.Index(t, "static final String "); i >= 0 {
			rest := t[i+len("static final String "):]
			if name, val, ok := strings.Cut(rest, "="); ok {
				val = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(val), ";"))
				if len(val) >= 2 && val[0] == '"' && val[len(val)-1] == '"' {
					consts[strings.TrimSpace(name)] = val[1 : len(val)-1]
				}
			}
		}
		if strings.HasPrefix(t, "system.register") {
			calls = append(calls, t)
			lines = append(lines, line)
		}
	}
	for i, c := range calls {
		method, rest, ok := strings.Cut(strings.TrimPrefix(c, "system."), "(")
		if !ok {
			return nil, 0, fmt.Errorf("%s:%d: no argument list: %s", path, lines[i], c)
		}
		kind, known := registerKinds[method]
		if !known {
			skipped++
			continue
		}
		arg := rest
		if j := strings.IndexAny(arg, ",)"); j >= 0 {
			arg = arg[:j]
		}
		arg = strings.TrimSpace(arg)
		var name string
		switch {
		case strings.HasPrefix(arg, `"`):
			name = strings.Trim(arg, `"`)
		case strings.HasPrefix(arg, "serdeConstants."):
			name = serdeTypeNames[strings.TrimPrefix(arg, "serdeConstants.")]
		case strings.HasSuffix(arg, ".class.getSimpleName("):
			name = strings.TrimSuffix(arg, ".class.getSimpleName(")
		case strings.HasSuffix(arg, ".UDF_NAME"):
			name = maskNames[strings.TrimSuffix(arg, ".UDF_NAME")]
		default:
			name = consts[arg]
		}
		if name == "" {
			return nil, 0, fmt.Errorf("%s:%d: cannot resolve the function name %q", path, lines[i], arg)
		}
		regs = append(regs, registration{name: strings.ToLower(name), kind: kind})
	}
	return regs, skipped, nil
}

// hiveRow is one Hive function across the versions read.
type hiveRow struct {
	Name     string
	Kinds    []string
	Versions []string // the versions whose registry has it, oldest first
}

// readHive reads dir/<version>/.../FunctionRegistry.java for each version.
func readHive(dir string, versions []string) ([]hiveRow, error) {
	byName := map[string]*hiveRow{}
	for _, v := range versions {
		path := filepath.Join(dir, v, "org/apache/hadoop/hive/ql/exec/FunctionRegistry.java")
		regs, skipped, err := readRegistry(path)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(os.Stderr, "hive %s: %d registrations, %d skipped (hidden built-ins, plugins)\n", v, len(regs), skipped)
		for _, r := range regs {
			row := byName[r.name]
			if row == nil {
				row = &hiveRow{Name: r.name}
				byName[r.name] = row
			}
			if !contains(row.Kinds, r.kind) {
				row.Kinds = append(row.Kinds, r.kind)
			}
			if !contains(row.Versions, v) {
				row.Versions = append(row.Versions, v)
			}
		}
	}
	rows := make([]hiveRow, 0, len(byName))
	for _, r := range byName {
		sort.Strings(r.Kinds)
		rows = append(rows, *r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Name < rows[j].Name })
	return rows, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
