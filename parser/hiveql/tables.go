package hiveql

import "strings"

// Access is what one statement reads and writes.
type Access struct {
	Inputs  []string // tables as lower-case db.table, and paths it reads (LOAD DATA INPATH)
	Outputs []string // tables it writes, and directories (INSERT OVERWRITE DIRECTORY)
	Defines []string // tables and views it creates or alters without writing rows
}

// Accesses returns, for each statement of f, the tables and paths it reads
// and writes. Unqualified names are qualified with the current database:
// defaultDB at the start, then whatever USE sets. Names of common table
// expressions are not tables. Variables stay as written (db_${env}.t).
func Accesses(f *File, defaultDB string) []Access {
	db := strings.ToLower(defaultDB)
	out := make([]Access, len(f.Statements))
	for i, st := range f.Statements {
		if u, ok := st.Stmt.(*UseStmt); ok {
			db = strings.ToLower(u.DB.Name)
			continue
		}
		out[i] = StmtAccess(st.Stmt, db)
	}
	return out
}

// StmtAccess returns what one statement reads and writes, with db as the
// current database.
func StmtAccess(s Stmt, db string) Access {
	var a Access
	if _, ok := s.(*ExplainStmt); ok {
		return a // EXPLAIN runs nothing.
	}
	ctes := map[string]bool{}
	Inspect(s, func(n Node) bool {
		if c, ok := n.(*CTE); ok {
			ctes[strings.ToLower(c.Name.Name)] = true
		}
		return true
	})
	qualify := func(n *Name) string { return n.Qualified(db) }
	written := map[*Name]bool{}
	addOut := func(n *Name) {
		if n != nil {
			written[n] = true
			a.Outputs = appendUnique(a.Outputs, qualify(n))
		}
	}
	switch x := s.(type) {
	case *InsertStmt:
		target(x.Target, addOut, &a)
	case *MultiInsertStmt:
		for _, b := range x.Bodies {
			if b.Target != nil {
				target(b.Target, addOut, &a)
			}
		}
	case *CreateTableStmt:
		if x.Query != nil {
			addOut(x.Name)
		} else {
			written[x.Name] = true
			a.Defines = appendUnique(a.Defines, qualify(x.Name))
		}
		if x.Like != nil {
			written[x.Like] = true
			a.Inputs = appendUnique(a.Inputs, qualify(x.Like))
		}
	case *CreateViewStmt:
		written[x.Name] = true
		a.Defines = appendUnique(a.Defines, qualify(x.Name))
	case *LoadStmt:
		addOut(x.Table)
		a.Inputs = appendUnique(a.Inputs, PathKey(x.Path.Value()))
	case *UpdateStmt:
		addOut(x.Table)
	case *DeleteStmt:
		addOut(x.Table)
	case *MergeStmt:
		addOut(x.Target)
	case *TruncateStmt:
		addOut(x.Table)
	case *AlterTableStmt:
		if _, ok := x.Action.(*AlterAddPartitions); ok {
			// ADD PARTITION makes data a job put in place readable: the
			// job feeds the table.
			addOut(x.Name)
			break
		}
		written[x.Name] = true
		a.Defines = appendUnique(a.Defines, qualify(x.Name))
	case *DropStmt:
		if x.What == "TABLE" || x.What == "VIEW" || x.What == "MATERIALIZED VIEW" {
			written[x.Name] = true
			a.Defines = appendUnique(a.Defines, qualify(x.Name))
		}
	case *MsckStmt:
		addOut(x.Table) // MSCK REPAIR makes new partition folders readable

	case *AnalyzeStmt:
		written[x.Table] = true
	}
	Inspect(s, func(n Node) bool {
		t, ok := n.(*TableName)
		if !ok || written[t.Name] {
			return true
		}
		if len(t.Name.Parts) == 1 && ctes[strings.ToLower(t.Name.Parts[0].Name)] {
			return true
		}
		a.Inputs = appendUnique(a.Inputs, qualify(t.Name))
		return true
	})
	return a
}

func target(t *InsertTarget, addOut func(*Name), a *Access) {
	if t.Table != nil {
		addOut(t.Table)
		return
	}
	if t.Directory != nil {
		a.Outputs = appendUnique(a.Outputs, PathKey(t.Directory.Value()))
	}
}

// PathKey is how a path a statement names is listed beside table keys: as
// written, except that a relative path (Hive resolves it from the user's
// home folder) gets a leading "./", so that target/x.out is never read as
// the table out of database target/x.
func PathKey(p string) string {
	if p == "" || IsPath(p) {
		return p
	}
	return "./" + p
}

// IsPath tells a path of Accesses from a db.table key: absolute, relative
// ("./", "../") or with a scheme (hdfs://, s3a://, file:/, pfile:).
func IsPath(s string) bool {
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || strings.Contains(s, "://") {
		return true
	}
	scheme, _, ok := strings.Cut(s, ":")
	if !ok || scheme == "" || scheme == "jdbc" {
		return false
	}
	for i := 0; i < len(scheme); i++ {
		c := scheme[i]
		if !(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Qualified is the name in lower case, prefixed with db when it names no
// database (and db is not empty): how the estate's tables are keyed. A
// single quoted part holding a dot (`ods.orders`) names its database, as
// Hive reads it.
func (n *Name) Qualified(db string) string {
	parts := make([]string, len(n.Parts))
	for i, p := range n.Parts {
		parts[i] = strings.ToLower(p.Name)
	}
	if len(parts) == 1 && db != "" && !(n.Parts[0].Quoted && strings.Count(parts[0], ".") == 1) {
		return db + "." + parts[0]
	}
	return strings.Join(parts, ".")
}
