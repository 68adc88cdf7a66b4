package translate

import (
	"errors"
	"fmt"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones are checked the same on a machine without zoneinfo

	"github.com/sparkport/sparkport/internal/yamlpos"
	"go.yaml.in/yaml/v3"
)

// LoadConfig reads a YAML config. It is read as a node tree first, so
// that every problem is reported at its line with the key's name and what
// it expects — an unknown key (with the closest known one), a value of the
// wrong shape, a version, time zone or S3 prefix that cannot be right, two
// mappings of one prefix — never silently ignored. name is used in
// messages; all problems are reported at once, one per line.
func LoadConfig(name string, src []byte) (*Config, error) {
	c := DefaultConfig()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := yamlpos.Error(err, src)
		return nil, fmt.Errorf("%s:%d: %s", name, line, msg)
	}
	if len(doc.Content) == 0 {
		return c, nil // an empty file: the defaults
	}
	root := doc.Content[0]
	v := &validator{lines: map[string]int{}}
	v.node(root, reflect.TypeOf(*c), "")
	if len(v.errs) == 0 {
		if err := root.Decode(c); err != nil {
			v.errorf(root.Line, "%v", err) // shapes were checked: unexpected
		}
	}
	if len(v.errs) == 0 {
		c.validate(v)
	}
	if len(v.errs) > 0 {
		sort.SliceStable(v.errs, func(i, j int) bool { return v.errs[i].line < v.errs[j].line })
		msgs := make([]string, len(v.errs))
		for i, e := range v.errs {
			msgs[i] = fmt.Sprintf("%s:%d: %s", name, e.line, e.msg)
		}
		return nil, errors.New(strings.Join(msgs, "\n"))
	}
	return c, nil
}

type configError struct {
	line int
	msg  string
}

// validator walks the config's node tree against Config's type.
type validator struct {
	errs  []configError
	lines map[string]int // key path (paths[0].to) → line of its value
}

func (v *validator) errorf(line int, format string, args ...any) {
	v.errs = append(v.errs, configError{line, fmt.Sprintf(format, args...)})
}

// line is where the value at key path k is, or 1.
func (v *validator) line(k string) int {
	if l, ok := v.lines[k]; ok {
		return l
	}
	return 1
}

// node checks that n has the shape of t; at is the key path for messages.
func (v *validator) node(n *yaml.Node, t reflect.Type, at string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	v.lines[at] = n.Line
	shown := at
	if shown == "" {
		shown = "the config"
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // key: (empty) keeps the default
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			v.errorf(n.Line, "%s: want %s, found %s", shown, describeType(t), describeNode(n))
			return
		}
		fields := map[string]reflect.Type{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if tag != "" && tag != "-" {
				fields[tag] = t.Field(i).Type
				names = append(names, tag)
			}
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			key := k.Value
			full := key
			if at != "" {
				full = at + "." + key
			}
			if prev, dup := seen[key]; dup {
				v.errorf(k.Line, "%s is given twice (first at line %d)", full, prev)
				continue
			}
			seen[key] = k.Line
			ft, ok := fields[key]
			if !ok {
				msg := fmt.Sprintf("unknown key %s", full)
				if near := closest(key, names); near != "" {
					msg += fmt.Sprintf(" (did you mean %s?)", near)
				} else {
					msg += " (known keys: " + strings.Join(names, ", ") + ")"
				}
				v.errorf(k.Line, "%s", msg)
				continue
			}
			v.node(val, ft, full)
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			v.errorf(n.Line, "%s: want %s, found %s", shown, describeType(t), describeNode(n))
			return
		}
		for i, item := range n.Content {
			v.node(item, t.Elem(), fmt.Sprintf("%s[%d]", at, i))
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			v.errorf(n.Line, "%s: want %s, found %s", shown, describeType(t), describeNode(n))
			return
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if prev, dup := seen[k.Value]; dup {
				v.errorf(k.Line, "%s: %s is given twice (first at line %d)", shown, k.Value, prev)
				continue
			}
			seen[k.Value] = k.Line
			v.node(val, t.Elem(), at+"."+k.Value)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			v.errorf(n.Line, "%s: want %s, found %s", shown, describeType(t), describeNode(n))
		}
	case reflect.Bool:
		if _, err := strconv.ParseBool(n.Value); n.Kind != yaml.ScalarNode || err != nil || n.Tag != "!!bool" {
			v.errorf(n.Line, "%s: want true or false, found %s", shown, describeNode(n))
		}
	}
}

func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return "a list of " + describeType(t.Elem()) + "s"
		}
		return "a list of " + strings.TrimPrefix(describeType(t.Elem()), "a ") + "s"
	case reflect.Map:
		return "a mapping of names to " + strings.TrimPrefix(describeType(t.Elem()), "a ") + "s"
	case reflect.Struct:
		var keys []string
		for i := 0; i < t.NumField(); i++ {
			tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
			if tag != "" && tag != "-" {
				keys = append(keys, tag)
			}
		}
		return "{" + strings.Join(keys, ", ") + "}"
	}
	return t.String()
}

func describeNode(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		v := n.Value
		if len(v) > 40 {
			v = v[:37] + "..."
		}
		return strconv.Quote(v)
	}
	return "something else"
}

// closest is the known name at most two edits from key, if one is.
func closest(key string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(strings.ToLower(key), n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Spark and Hive versions sparkport knows the behaviour of.
var (
	sparkVersions = map[int]int{3: 5, 4: 1} // major → highest minor
	hiveVersions  = map[int]int{0: 14, 1: 2, 2: 3, 3: 1, 4: 0}
)

// validate checks the values the shapes allow but that cannot be right.
func (c *Config) validate(v *validator) {
	if maj, mnr, ok := parseVersion(c.SparkVersion); !ok {
		v.errorf(v.line("spark_version"), "spark_version %q: want a version such as 3.5 or 4.0", c.SparkVersion)
	} else if top, known := sparkVersions[maj]; !known || mnr > top {
		v.errorf(v.line("spark_version"), "spark_version %q: sparkport targets Spark 3.0–3.5 and 4.0–4.1", c.SparkVersion)
	}
	if maj, mnr, ok := parseHiveVersion(c.HiveVersion); !ok {
		v.errorf(v.line("hive_version"), "hive_version %q: want a version such as 1.2 or 3.1", c.HiveVersion)
	} else if top, known := hiveVersions[maj]; !known || mnr > top {
		v.errorf(v.line("hive_version"), "hive_version %q: Hive versions are 0.x to 4.0", c.HiveVersion)
	}
	if c.TimeZone != "" {
		if _, err := time.LoadLocation(c.TimeZone); err != nil || strings.EqualFold(c.TimeZone, "local") {
			v.errorf(v.line("timezone"), "timezone %q: not an IANA time zone (such as Asia/Tokyo or UTC)", c.TimeZone)
		}
	}
	s3 := func(key, val string) {
		if !strings.HasPrefix(val, "s3://") || len(val) <= len("s3://") {
			v.errorf(v.line(key), "%s %q: want an S3 prefix such as s3://bucket/prefix (EMR reads s3://)", key, val)
		}
	}
	if c.Artifacts != "" {
		s3("artifacts", c.Artifacts)
	}
	froms := map[string]int{}
	for i, m := range c.Paths {
		at := fmt.Sprintf("paths[%d]", i)
		if m.From == "" || m.To == "" {
			v.errorf(v.line(at), "%s: both from and to are required", at)
			continue
		}
		s3(at+".to", m.To)
		key := strings.TrimSuffix(m.From, "/")
		if prev, dup := froms[key]; dup {
			v.errorf(v.line(at+".from"), "%s.from %q is mapped twice (also paths[%d], line %d): the longest prefix wins, so one of them would be ignored", at, m.From, prev, v.line(fmt.Sprintf("paths[%d].from", prev)))
		} else {
			froms[key] = i
		}
	}
	for _, l := range sortedStrings(c.Layers) {
		s3("layers."+l, c.Layers[l])
	}
	for pat, layer := range c.Databases {
		if _, err := path.Match(pat, ""); err != nil {
			v.errorf(v.line("databases."+pat), "databases: bad pattern %q: %v", pat, err)
		}
		if _, ok := c.Layers[layer]; !ok {
			v.errorf(v.line("databases."+pat), "databases: %q maps to layer %q, which layers does not define", pat, layer)
		}
	}
	for _, j := range sortedStrings(c.Jars) {
		s3("jars."+j, c.Jars[j])
	}
	servers := map[string]string{}
	for _, k := range sortedStrings(c.JDBC.Secrets) {
		// One server, one secret: jdbc:mysql://db01/shop and
		// jdbc:mysql://db01:3306/shop are the same prefix.
		n := NormalizeJDBC(k)
		if prev, dup := servers[n]; dup {
			v.errorf(v.line("jdbc.secrets."+k), "jdbc.secrets: %q and %q name the same database (%s): keep one", prev, k, n)
		}
		servers[n] = k
	}
	for i, j := range c.JDBC.Jars {
		s3(fmt.Sprintf("jdbc.jars[%d]", i), j)
	}
	for _, pat := range c.Consumed {
		if _, err := path.Match(strings.ToLower(pat), ""); err != nil {
			v.errorf(v.line("consumed"), "consumed: bad pattern %q: %v", pat, err)
		}
	}
	switch strings.ToUpper(c.DefaultStorage) {
	case "", "TEXTFILE", "PARQUET", "ORC", "AVRO", "SEQUENCEFILE", "RCFILE", "JSONFILE":
	default:
		v.errorf(v.line("default_storage"), "default_storage %q: want TEXTFILE, PARQUET, ORC, AVRO, SEQUENCEFILE, RCFILE or JSONFILE", c.DefaultStorage)
	}
}

// parseHiveVersion is parseVersion where 0.x is allowed (Hive 0.13, 0.14).
func parseHiveVersion(v string) (major, minor int, ok bool) {
	if rest, isZero := strings.CutPrefix(v, "0."); isZero {
		mnr, err := strconv.Atoi(strings.SplitN(rest, ".", 2)[0])
		return 0, mnr, err == nil
	}
	return parseVersion(v)
}
