package hiveql

import "strings"

func (p *parser) create() Stmt {
	start := p.i
	pos := p.expectKw(KwCREATE)
	var orReplace, temporary, external, transactional, global, materialized bool
	if p.isKw(KwOR) && p.isKwAt(1, KwREPLACE) {
		p.i += 2
		orReplace = true
	}
	for {
		switch {
		case p.acceptKw(KwTEMPORARY), p.acceptWord("TEMP"):
			temporary = true
			continue
		case p.acceptKw(KwEXTERNAL):
			external = true
			continue
		case p.acceptKw(KwTRANSACTIONAL):
			transactional = true
			continue
		case p.acceptKw(KwGLOBAL):
			global = true
			continue
		case p.acceptWord("MANAGED"):
			continue
		case p.acceptKw(KwMATERIALIZED):
			materialized = true
			continue
		}
		break
	}
	switch {
	case p.isKw(KwTABLE):
		p.i++
		return p.createTable(pos, orReplace, temporary, external, transactional)
	case p.isKw(KwVIEW):
		p.i++
		return p.createView(pos, orReplace, temporary, global, materialized)
	case p.isKw(KwDATABASE) || p.isKw(KwSCHEMA) || (p.isWord("REMOTE") && (p.isKwAt(1, KwDATABASE) || p.isKwAt(1, KwSCHEMA))):
		return p.createDatabase(pos)
	case p.isKw(KwFUNCTION):
		p.i++
		return p.createFunction(pos, orReplace, temporary)
	case p.isKw(KwMACRO):
		p.i++
		m := &CreateMacroStmt{Span: Span{pos}, Name: p.ident()}
		p.expectOp("(")
		if !p.isOp(")") {
			m.Params = p.columnDefs(false)
		}
		p.expectOp(")")
		m.Body = p.expr()
		return m
	}
	// CREATE ROLE, INDEX, SCHEDULED QUERY, RESOURCE PLAN, … : recognised, kept as tokens.
	p.i = start
	return p.generic(pos, 2)
}

func (p *parser) ifNotExists() bool {
	if p.isKw(KwIF) && p.isKwAt(1, KwNOT) && p.isKwAt(2, KwEXISTS) {
		p.i += 3
		return true
	}
	return false
}

func (p *parser) ifExists() bool {
	if p.isKw(KwIF) && p.isKwAt(1, KwEXISTS) {
		p.i += 2
		return true
	}
	return false
}

func (p *parser) createTable(pos Pos, orReplace, temporary, external, transactional bool) Stmt {
	s := &CreateTableStmt{Span: Span{pos}, OrReplace: orReplace, Temporary: temporary, External: external, Transactional: transactional}
	s.IfNotExists = p.ifNotExists()
	s.Name = p.name()
	if p.acceptKw(KwLIKE) {
		s.Like = p.name()
	}
	if p.isOp("(") && !p.startsQuery(1) {
		p.i++
		for {
			if c := p.tableConstraint(); c != nil {
				s.Constraints = append(s.Constraints, c)
			} else {
				s.Columns = append(s.Columns, p.columnDef(false))
			}
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
	}
	for {
		switch {
		case p.isKw(KwUSING) && s.Using == nil:
			p.i++
			s.Using = p.ident()
		case p.acceptKw(KwOPTIONS):
			s.Options = p.properties()
		case p.acceptKw(KwCOMMENT):
			s.Comment = p.stringLit()
		case p.isKw(KwPARTITIONED):
			p.i++
			p.expectKw(KwBY)
			p.expectOp("(")
			s.PartitionedBy = p.columnDefs(true)
			p.expectOp(")")
		case p.isKw(KwCLUSTERED):
			s.ClusteredBy = p.bucketing()
		case p.isKw(KwSKEWED):
			s.SkewedBy = p.skew()
		case p.isKw(KwROW):
			s.RowFormat = p.rowFormat()
		case p.isKw(KwSTORED):
			st := p.storage()
			if s.Storage != nil && st.Format == nil && st.By == nil {
				s.Storage.InputFormat, s.Storage.OutputFormat = st.InputFormat, st.OutputFormat
			} else if s.Storage != nil {
				p.fail("STORED given twice")
			} else {
				s.Storage = st
			}
		case p.isKw(KwWITH) && p.isKwAt(1, KwSERDEPROPERTIES):
			// Hive accepts WITH SERDEPROPERTIES after STORED BY.
			p.i += 2
			if s.Storage == nil {
				s.Storage = &Storage{Span: Span{p.tok().Pos}}
			}
			s.Storage.ByProps = p.properties()
		case p.acceptKw(KwLOCATION):
			s.Location = p.stringLit()
		case p.acceptKw(KwTBLPROPERTIES):
			s.TblProperties = p.properties()
		case p.isKw(KwAS):
			p.i++
			s.Query = p.query()
			return s
		case p.isKw(KwSELECT) || p.isKw(KwWITH):
			// Spark allows CTAS without AS? No: report it clearly.
			p.fail("expected AS before the query of CREATE TABLE … AS SELECT")
		default:
			return s
		}
	}
}

// tableConstraint reads a table-level constraint inside the column list,
// or returns nil when a column definition is next.
func (p *parser) tableConstraint() *TableConstraint {
	save := p.i
	c := &TableConstraint{Span: Span{p.tok().Pos}}
	if p.acceptKw(KwCONSTRAINT) {
		c.Name = p.ident()
	}
	switch {
	case p.isKw(KwPRIMARY) && p.isKwAt(1, KwKEY):
		p.i += 2
		c.Kind = "PRIMARY KEY"
		c.Columns = p.identList()
	case p.isKw(KwFOREIGN) && p.isKwAt(1, KwKEY):
		p.i += 2
		c.Kind = "FOREIGN KEY"
		c.Columns = p.identList()
		p.expectKw(KwREFERENCES)
		c.RefTable = p.name()
		c.RefColumns = p.identList()
	case p.isKw(KwUNIQUE) && p.isOpAt(1, "("):
		p.i++
		c.Kind = "UNIQUE"
		c.Columns = p.identList()
	case p.isKw(KwCHECK) && p.isOpAt(1, "("):
		p.i++
		c.Kind = "CHECK"
		p.expectOp("(")
		c.Check = p.expr()
		p.expectOp(")")
	default:
		p.i = save
		return nil
	}
	c.Options = p.constraintOptions()
	return c
}

func (p *parser) constraintOptions() []string {
	var out []string
	for {
		t := p.tok()
		if t.Kind != Word {
			return out
		}
		switch w := strings.ToUpper(p.text(t)); w {
		case "ENABLE", "DISABLE", "VALIDATE", "NOVALIDATE", "RELY", "NORELY", "ENFORCED":
			out = append(out, w)
			p.i++
		case "NOT":
			if p.isWordAt(1, "ENFORCED") {
				out = append(out, "NOT ENFORCED")
				p.i += 2
				continue
			}
			return out
		default:
			return out
		}
	}
}

// columnDefs reads name type [COMMENT '…'], …; with typeOptional, a bare
// name is allowed (Spark PARTITIONED BY (c), TRANSFORM … AS (a, b)).
func (p *parser) columnDefs(typeOptional bool) []*ColumnDef {
	var out []*ColumnDef
	for {
		out = append(out, p.columnDef(typeOptional))
		if !p.acceptOp(",") {
			return out
		}
	}
}

func (p *parser) columnDef(typeOptional bool) *ColumnDef {
	c := &ColumnDef{Span: Span{p.tok().Pos}, Name: p.ident()}
	if !typeOptional || (p.isIdentStart() && !p.isKw(KwCOMMENT) && !reserved[p.tok().Kw]) {
		p.acceptOp(":")
		c.Type = p.dataType()
	}
	for {
		cc := &ColumnConstraint{Span: Span{p.tok().Pos}}
		if p.isKw(KwCONSTRAINT) {
			p.i++
			cc.Name = p.ident()
		}
		switch {
		case p.isKw(KwPRIMARY) && p.isKwAt(1, KwKEY):
			p.i += 2
			cc.Kind = "PRIMARY KEY"
		case p.isKw(KwNOT) && p.isKwAt(1, KwNULL):
			p.i += 2
			cc.Kind = "NOT NULL"
		case p.isKw(KwUNIQUE):
			p.i++
			cc.Kind = "UNIQUE"
		case p.isKw(KwDEFAULT):
			p.i++
			cc.Kind = "DEFAULT"
			cc.Expr = p.binary(precBitOr)
		case p.isKw(KwCHECK):
			p.i++
			cc.Kind = "CHECK"
			p.expectOp("(")
			cc.Expr = p.expr()
			p.expectOp(")")
		case p.isKw(KwREFERENCES):
			p.i++
			cc.Kind = "REFERENCES"
			n := p.name()
			cc.Expr = p.funcCall(n)
		default:
			if cc.Name != nil {
				p.fail("expected a constraint, found %s", p.describe())
			}
			if p.acceptKw(KwCOMMENT) {
				c.Comment = p.stringLit()
			}
			return c
		}
		cc.Options = p.constraintOptions()
		c.Constraints = append(c.Constraints, cc)
	}
}

func (p *parser) bucketing() *Bucketing {
	pos := p.expectKw(KwCLUSTERED)
	p.expectKw(KwBY)
	b := &Bucketing{Span: Span{pos}, Columns: p.identList()}
	if p.acceptKw(KwSORTED) {
		p.expectKw(KwBY)
		p.expectOp("(")
		b.SortBy = p.orderItems()
		p.expectOp(")")
	}
	p.expectKw(KwINTO)
	t := p.tok()
	if t.Kind != Number && t.Kind != Var {
		p.fail("expected number of buckets, found %s", p.describe())
	}
	b.Buckets = &NumberLit{Span: Span{t.Pos}, Raw: p.text(t)}
	p.i++
	p.expectKw(KwBUCKETS)
	return b
}

func (p *parser) skew() *Skew {
	pos := p.expectKw(KwSKEWED)
	p.expectKw(KwBY)
	s := &Skew{Span: Span{pos}, Columns: p.identList()}
	p.expectKw(KwON)
	s.Values = p.parenExprs()
	if p.isKw(KwSTORED) && p.isKwAt(1, KwAS) && p.isKwAt(2, KwDIRECTORIES) {
		p.i += 3
		s.Directories = true
	}
	return s
}

func (p *parser) rowFormat() *RowFormat {
	pos := p.expectKw(KwROW)
	p.expectKw(KwFORMAT)
	r := &RowFormat{Span: Span{pos}}
	if p.acceptKw(KwSERDE) {
		r.Serde = p.stringLit()
		if p.isKw(KwWITH) && p.isKwAt(1, KwSERDEPROPERTIES) {
			p.i += 2
			r.SerdeProps = p.properties()
		}
		return r
	}
	p.expectKw(KwDELIMITED)
	r.DelimitedClause = true
	for {
		switch {
		case p.isKw(KwFIELDS):
			p.i++
			p.expectKw(KwTERMINATED)
			p.expectKw(KwBY)
			r.FieldsTerm = p.stringLit()
			if p.acceptKw(KwESCAPED) {
				p.expectKw(KwBY)
				r.FieldsEscape = p.stringLit()
			}
		case p.isKw(KwCOLLECTION):
			p.i++
			p.expectKw(KwITEMS)
			p.expectKw(KwTERMINATED)
			p.expectKw(KwBY)
			r.CollectionTerm = p.stringLit()
		case p.isKw(KwMAP):
			p.i++
			p.expectKw(KwKEYS)
			p.expectKw(KwTERMINATED)
			p.expectKw(KwBY)
			r.MapKeysTerm = p.stringLit()
		case p.isKw(KwLINES):
			p.i++
			p.expectKw(KwTERMINATED)
			p.expectKw(KwBY)
			r.LinesTerm = p.stringLit()
		case p.isKw(KwNULL) && p.isKwAt(1, KwDEFINED):
			p.i += 2
			p.expectKw(KwAS)
			r.NullDefinedAs = p.stringLit()
		default:
			return r
		}
	}
}

func (p *parser) storage() *Storage {
	pos := p.expectKw(KwSTORED)
	s := &Storage{Span: Span{pos}}
	if p.acceptKw(KwBY) {
		s.By = p.stringLit()
		if p.isKw(KwWITH) && p.isKwAt(1, KwSERDEPROPERTIES) {
			p.i += 2
			s.ByProps = p.properties()
		}
		return s
	}
	p.expectKw(KwAS)
	if p.acceptKw(KwINPUTFORMAT) {
		s.InputFormat = p.stringLit()
		p.expectKw(KwOUTPUTFORMAT)
		s.OutputFormat = p.stringLit()
		// Hive 0.x's INPUTDRIVER / OUTPUTDRIVER (ignored since Hive 0.14).
		if p.acceptWord("INPUTDRIVER") {
			s.InputDriver = p.stringLit()
			p.expectWord("OUTPUTDRIVER")
			s.OutputDriver = p.stringLit()
		}
		return s
	}
	s.Format = p.ident()
	return s
}

// properties reads ('k'='v', …); Spark also allows bare dotted keys and
// values that are numbers or booleans, and Hive key lists without values.
func (p *parser) properties() []*Property {
	p.expectOp("(")
	var out []*Property
	if p.acceptOp(")") {
		return out
	}
	for {
		pr := &Property{Span: Span{p.tok().Pos}}
		if p.tok().Kind == String {
			pr.Key = p.stringLit()
		} else {
			n := p.name()
			pr.Key = &ColumnRef{Span: n.Span, Parts: n.Parts}
		}
		if p.acceptOp("=") {
			pr.Value = p.unary()
		} else if p.tok().Kind == String || p.tok().Kind == Number || p.isKw(KwTRUE) || p.isKw(KwFALSE) {
			pr.Value = p.unary()
		}
		out = append(out, pr)
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return out
}

func (p *parser) createView(pos Pos, orReplace, temporary, global, materialized bool) Stmt {
	v := &CreateViewStmt{Span: Span{pos}, OrReplace: orReplace, Temporary: temporary, Global: global, Materialized: materialized}
	v.IfNotExists = p.ifNotExists()
	v.Name = p.name()
	if p.isOp("(") {
		p.i++
		v.Columns = p.columnDefs(true)
		p.expectOp(")")
	}
	for {
		switch {
		case p.isKw(KwDISABLE) && p.isKwAt(1, KwREWRITE):
			p.i += 2
			v.Disabled = "DISABLE REWRITE"
		case p.acceptKw(KwCOMMENT):
			v.Comment = p.stringLit()
		case p.isKw(KwPARTITIONED) && p.isKwAt(1, KwON):
			p.i += 2
			v.PartitionedOn = p.identList()
		case p.isKw(KwCLUSTERED) && p.isKwAt(1, KwON):
			p.i += 2
			v.ClusteredOn = p.identList()
		case p.isWord("DISTRIBUTED") && p.isKwAt(1, KwON):
			p.i += 2
			v.DistributedOn = p.identList()
		case p.isKw(KwSORTED) && p.isKwAt(1, KwON):
			p.i += 2
			v.SortedOn = p.identList()
		case p.isKw(KwROW):
			v.RowFormat = p.rowFormat()
		case p.isKw(KwSTORED):
			v.Storage = p.storage()
		case p.acceptKw(KwLOCATION):
			v.Location = p.stringLit()
		case p.acceptKw(KwTBLPROPERTIES):
			v.TblProperties = p.properties()
		case p.isKw(KwUSING) && v.Temporary && v.Using == nil:
			// Spark: a temporary view over a data source; no query follows.
			p.i++
			v.Using = p.ident()
			if p.acceptKw(KwOPTIONS) {
				v.Options = p.properties()
			}
			if !p.isKw(KwAS) {
				return v
			}
		default:
			p.expectKw(KwAS)
			v.Query = p.query()
			return v
		}
	}
}

func (p *parser) createDatabase(pos Pos) Stmt {
	d := &CreateDatabaseStmt{Span: Span{pos}}
	d.Remote = p.acceptWord("REMOTE")
	d.Kw = p.tok().Kw.String()
	p.i++
	d.IfNotExists = p.ifNotExists()
	d.Name = p.ident()
	for {
		switch {
		case p.acceptKw(KwCOMMENT):
			d.Comment = p.stringLit()
		case p.acceptKw(KwLOCATION):
			d.Location = p.stringLit()
		case p.acceptWord("MANAGEDLOCATION"):
			d.ManagedLoc = p.stringLit()
		case p.isKw(KwWITH) && p.isKwAt(1, KwDBPROPERTIES), p.isKw(KwWITH) && p.isWordAt(1, "PROPERTIES"):
			p.i += 2
			d.Props = p.properties()
		case p.isKw(KwUSING):
			p.i++
			d.ConnectorName = p.ident()
		default:
			return d
		}
	}
}

func (p *parser) createFunction(pos Pos, orReplace, temporary bool) Stmt {
	f := &CreateFunctionStmt{Span: Span{pos}, OrReplace: orReplace, Temporary: temporary}
	f.IfNotExists = p.ifNotExists()
	f.Name = p.name()
	p.expectKw(KwAS)
	f.Class = p.stringLit()
	if p.acceptKw(KwUSING) {
		for {
			r := &Resource{Span: Span{p.tok().Pos}}
			switch {
			case p.isWord("JAR"), p.isKw(KwFILE), p.isKw(KwARCHIVE):
				r.Kind = strings.ToUpper(p.text(p.tok()))
				p.i++
			default:
				p.fail("expected JAR, FILE or ARCHIVE, found %s", p.describe())
			}
			r.URI = p.stringLit()
			f.Resources = append(f.Resources, r)
			if !p.acceptOp(",") {
				break
			}
		}
	}
	return f
}

func (p *parser) drop() Stmt {
	start := p.i
	pos := p.expectKw(KwDROP)
	d := &DropStmt{Span: Span{pos}}
	d.Temporary = p.acceptKw(KwTEMPORARY)
	switch {
	case p.isKw(KwMATERIALIZED) && p.isKwAt(1, KwVIEW):
		p.i += 2
		d.What = "MATERIALIZED VIEW"
	case p.isKw(KwTABLE), p.isKw(KwVIEW), p.isKw(KwDATABASE), p.isKw(KwSCHEMA), p.isKw(KwFUNCTION), p.isKw(KwMACRO), p.isKw(KwINDEX):
		d.What = p.tok().Kw.String()
		p.i++
	default:
		p.i = start
		return p.generic(pos, 2)
	}
	d.IfExists = p.ifExists()
	d.Name = p.name()
	if d.What == "INDEX" {
		p.expectKw(KwON)
		d.On = p.name()
	}
	for {
		switch {
		case p.isKw(KwPURGE), p.isKw(KwCASCADE), p.isKw(KwRESTRICT):
			if d.Options != "" {
				d.Options += " "
			}
			d.Options += p.tok().Kw.String()
			p.i++
			continue
		}
		return d
	}
}

func (p *parser) alter() Stmt {
	start := p.i
	pos := p.expectKw(KwALTER)
	a := &AlterTableStmt{Span: Span{pos}}
	switch {
	case p.isKw(KwTABLE), p.isKw(KwVIEW):
		a.What = p.tok().Kw.String()
		p.i++
	case p.isKw(KwMATERIALIZED) && p.isKwAt(1, KwVIEW):
		p.i += 2
		a.What = "MATERIALIZED VIEW"
	default:
		p.i = start
		return p.generic(pos, 2)
	}
	a.Name = p.name()
	if p.isKw(KwPARTITION) && p.isOpAt(1, "(") {
		a.Partition = p.partitionSpec()
	}
	a.Action = p.alterAction(a.What)
	return a
}

func (p *parser) alterAction(what string) AlterAction {
	t := p.tok()
	pos := t.Pos
	switch {
	case p.isKw(KwADD) && (p.isKwAt(1, KwPARTITION) || (p.isKwAt(1, KwIF) && p.isKwAt(2, KwNOT))):
		p.i++
		a := &AlterAddPartitions{Span: Span{pos}, IfNotExists: p.ifNotExists()}
		for p.isKw(KwPARTITION) {
			pl := &PartitionLocation{Span: Span{p.tok().Pos}, Partition: p.partitionSpec()}
			if p.acceptKw(KwLOCATION) {
				pl.Location = p.stringLit()
			}
			a.Parts = append(a.Parts, pl)
			p.acceptOp(",")
		}
		if len(a.Parts) == 0 {
			p.fail("expected PARTITION, found %s", p.describe())
		}
		return a
	case p.isKw(KwDROP) && (p.isKwAt(1, KwPARTITION) || (p.isKwAt(1, KwIF) && p.isKwAt(2, KwEXISTS))):
		p.i++
		a := &AlterDropPartitions{Span: Span{pos}, IfExists: p.ifExists()}
		for p.isKw(KwPARTITION) {
			a.Parts = append(a.Parts, p.partitionSpec())
			if !p.acceptOp(",") {
				break
			}
		}
		for {
			switch {
			case p.isWord("IGNORE") && p.isWordAt(1, "PROTECTION"):
				p.i += 2
				a.Options = append(a.Options, "IGNORE PROTECTION")
				continue
			case p.acceptKw(KwPURGE):
				a.Options = append(a.Options, "PURGE")
				continue
			}
			break
		}
		return a
	case p.isKw(KwRENAME) && p.isKwAt(1, KwTO):
		p.i += 2
		r := &AlterRename{Span: Span{pos}}
		if p.isKw(KwPARTITION) {
			r.Partition = p.partitionSpec()
		} else {
			r.To = p.name()
		}
		return r
	case (p.isKw(KwSET) || p.isKw(KwUNSET)) && (p.isKwAt(1, KwTBLPROPERTIES) || p.isKwAt(1, KwSERDEPROPERTIES)):
		a := &AlterProps{Span: Span{pos}, Unset: p.isKw(KwUNSET)}
		p.i++
		a.Kind = p.tok().Kw.String()
		p.i++
		a.IfExists = p.ifExists()
		a.Props = p.properties()
		return a
	case p.isKw(KwSET) && p.isKwAt(1, KwLOCATION):
		p.i += 2
		return &AlterLocation{Span: Span{pos}, Location: p.stringLit()}
	case p.isKw(KwSET) && p.isKwAt(1, KwSERDE):
		p.i += 2
		a := &AlterSerde{Span: Span{pos}, Serde: p.stringLit()}
		if p.isKw(KwWITH) && p.isKwAt(1, KwSERDEPROPERTIES) {
			p.i += 2
			a.Props = p.properties()
		}
		return a
	case p.isKw(KwSET) && p.isKwAt(1, KwFILEFORMAT):
		p.i += 2
		st := &Storage{Span: Span{p.tok().Pos}}
		if p.acceptKw(KwINPUTFORMAT) {
			st.InputFormat = p.stringLit()
			p.expectKw(KwOUTPUTFORMAT)
			st.OutputFormat = p.stringLit()
		} else {
			st.Format = p.ident()
		}
		a := &AlterFileFormat{Span: Span{pos}, Storage: st}
		if p.acceptKw(KwSERDE) {
			a.Serde = p.stringLit()
		}
		return a
	case (p.isKw(KwADD) || p.isKw(KwREPLACE)) && p.isKwAt(1, KwCOLUMNS):
		a := &AlterColumns{Span: Span{pos}, Verb: p.tok().Kw.String()}
		p.i += 2
		p.expectOp("(")
		a.Columns = p.columnDefs(false)
		p.expectOp(")")
		if p.isKw(KwCASCADE) || p.isKw(KwRESTRICT) {
			a.Option = p.tok().Kw.String()
			p.i++
		}
		return a
	case p.isKw(KwCHANGE):
		p.i++
		a := &AlterChangeColumn{Span: Span{pos}}
		a.ColumnKw = p.acceptKw(KwCOLUMN)
		a.Old = p.ident()
		a.New = p.columnDef(false)
		if p.acceptKw(KwFIRST) {
			a.First = true
		} else if p.acceptKw(KwAFTER) {
			a.After = p.ident()
		}
		if p.isKw(KwCASCADE) || p.isKw(KwRESTRICT) {
			a.Option = p.tok().Kw.String()
			p.i++
		}
		return a
	case p.isKw(KwAS) && what != "TABLE":
		p.i++
		return &AlterAs{Span: Span{pos}, Query: p.query()}
	}
	// Everything else is kept as tokens; translation names each Hive-only action.
	g := p.generic(pos, 0)
	if len(g.Tokens) == 0 {
		p.fail("expected an ALTER action, found %s", p.describe())
	}
	return &AlterOther{Span: Span{pos}, Tokens: g.Tokens}
}
