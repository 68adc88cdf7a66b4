package translate

import (
	"strings"

	"github.com/sparkport/sparkport/internal/redact"
	"github.com/sparkport/sparkport/parser/hiveql"
	"github.com/sparkport/sparkport/parser/shell"
)

// Paths: every HDFS or local path a statement names is rewritten by the
// config's mappings; one that no mapping covers stops the statement, since
// running it would read or write the wrong place.

var rulePathMapping = &Rule{
	ID: "SP010", Name: "path-mapping", Kind: RewriteRule,
	Doc:  "HDFS and local paths in LOCATION, LOAD DATA INPATH, INSERT OVERWRITE DIRECTORY, ALTER … SET LOCATION and ADD PARTITION … LOCATION become S3 paths by the config's longest matching prefix; s3a:// and s3n:// become s3://.",
	Ref:  "Amazon EMR: EMRFS reads and writes s3:// URIs",
	Stmt: pathMapping,
}

var ruleUnmappedPath = &Rule{
	ID: "SP011", Name: "unmapped-path", Kind: ManualRule,
	Doc: "A path that no mapping of the config covers: the statement needs a mapping (or a person), never a silent pass-through.",
	Ref: "sparkport config: paths, jars",
}

var ruleLocalPath = &Rule{
	ID: "SP012", Name: "local-path", Kind: HazardRule,
	Doc: "LOAD DATA LOCAL INPATH and INSERT OVERWRITE LOCAL DIRECTORY used the Hive client's disk; they now use S3, so the job must stage the file there (or read the result from there).",
	Ref: "Hive DML: LOAD with LOCAL reads the client's file system",
}

var ruleDatabaseLocation = &Rule{
	ID: "SP013", Name: "database-location", Kind: RewriteRule,
	Doc:  "CREATE DATABASE without LOCATION gets the S3 location of its layer (config databases → layers), so that its managed tables land in the right bucket.",
	Ref:  "AWS Glue Data Catalog: a database's LocationUri is where its managed tables go",
	Stmt: databaseLocation,
}

func pathMapping(p *pass) {
	switch s := p.stmt.(type) {
	case *hiveql.CreateTableStmt:
		p.mapLocation(&s.Location, "LOCATION")
	case *hiveql.CreateViewStmt:
		p.mapLocation(&s.Location, "LOCATION")
	case *hiveql.CreateDatabaseStmt:
		p.mapLocation(&s.Location, "LOCATION")
		p.mapLocation(&s.ManagedLoc, "MANAGEDLOCATION")
	case *hiveql.LoadStmt:
		orig := s.Path.Value()
		if p.mapLocation(&s.Path, "INPATH") && s.Local {
			s.Local = false
			p.reportAs(ruleLocalPath, s.Path.At, Warning, "LOAD DATA LOCAL read %s on the Hive client; the job must copy it to %s before this statement", orig, s.Path.Value())
		}
	case *hiveql.InsertStmt, *hiveql.MultiInsertStmt:
		for _, t := range insertTargets(s) {
			p.mapTarget(t)
		}
	case *hiveql.AlterTableStmt:
		switch a := s.Action.(type) {
		case *hiveql.AlterLocation:
			p.mapLocation(&a.Location, "SET LOCATION")
		case *hiveql.AlterAddPartitions:
			for _, part := range a.Parts {
				p.mapLocation(&part.Location, "PARTITION LOCATION")
			}
		}
	}
}

func (p *pass) mapTarget(t *hiveql.InsertTarget) {
	if t == nil || t.Directory == nil {
		return
	}
	if p.mapLocation(&t.Directory, "DIRECTORY") && t.Local {
		t.Local = false
		p.reportAs(ruleLocalPath, t.Directory.At, Warning, "INSERT OVERWRITE LOCAL DIRECTORY wrote to the Hive client's disk; it now writes %s, where whatever read it must look", t.Directory.Value())
	}
}

// mapLocation rewrites the path in *lit, reporting what it did; it returns
// false when the statement cannot go on.
func (p *pass) mapLocation(lit **hiveql.StringLit, what string) bool {
	if *lit == nil || p.done() {
		return false
	}
	v := (*lit).Value()
	if strings.HasPrefix(v, "${") {
		p.report((*lit).At, Warning, "%s %s starts with a variable: make sure its value is an S3 path on EMR", what, v)
		return true
	}
	to, ok := p.tr.cfg.mapPath(v)
	if !ok {
		p.unmapped((*lit).At, "path", v)
		p.reportAs(ruleUnmappedPath, (*lit).At, Error, "no S3 location for %s %s: add a paths mapping to the config", what, v)
		return false
	}
	if to != v {
		*lit = strLit((*lit).At, to)
		p.rewrote((*lit).At, "%s %s is now %s", what, v, to)
	}
	return true
}

func databaseLocation(p *pass) {
	s, ok := p.stmt.(*hiveql.CreateDatabaseStmt)
	if !ok || s.Location != nil {
		return
	}
	loc, ok := p.tr.cfg.databaseLocation(s.Name.Name)
	if !ok {
		return
	}
	s.Location = strLit(s.At, loc)
	p.rewrote(s.Name.At, "database %s gets LOCATION %s from its layer", s.Name.Name, loc)
}

var ruleSecret = &Rule{
	ID: "SP009", Name: "secret-in-sql", Kind: ManualRule,
	Doc:  "A credential in the SQL itself (a password or key in TBLPROPERTIES, SERDEPROPERTIES or OPTIONS): never copied to the output; the statement needs a Secrets Manager reference.",
	Ref:  "AWS Secrets Manager; Spark JDBC data source options",
	Stmt: secretInSQL,
}

func secretInSQL(p *pass) {
	spans := p.secretSpans()
	if len(spans) == 0 {
		return
	}
	for _, sp := range spans {
		p.report(sp.Key, Error, "credential in property %s (value redacted): use a Secrets Manager reference", sp.Name)
	}
	p.outcome = Manual
	p.reason = "credentials in the SQL text"
	p.redact = true
}

// secretSpans finds the credential properties of the statement; SET is
// handled by its rule, commands by the shell front end.
func (p *pass) secretSpans() []hiveql.Secret {
	if _, ok := p.stmt.(*hiveql.CLIStmt); ok {
		return nil
	}
	return hiveql.Secrets(p.src, int(p.st.Pos()), int(p.st.End))
}

// redactedSource is the statement's source text with the values of secret
// properties replaced, for the comments that show a statement as written.
// Whether or not the statement parsed, the text then goes through the
// lexical redaction every verbatim copy goes through.
func (p *pass) redactedSource() string {
	base := int(p.st.Pos())
	src := string(p.src[base:p.st.End])
	if !p.redact {
		return redact.Text(src)
	}
	var b strings.Builder
	last := 0
	for _, sp := range p.secretSpans() {
		b.WriteString(src[last : int(sp.From)-base])
		b.WriteString("'" + shell.Redacted + "'")
		last = int(sp.To) - base
	}
	b.WriteString(src[last:])
	return redact.Text(b.String())
}

func propertyKey(prop *hiveql.Property) string {
	switch k := prop.Key.(type) {
	case *hiveql.StringLit:
		return k.Value()
	case *hiveql.ColumnRef:
		parts := make([]string, len(k.Parts))
		for i, id := range k.Parts {
			parts[i] = id.Name
		}
		return strings.Join(parts, ".")
	}
	return ""
}
