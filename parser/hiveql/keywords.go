// The keyword table. Add a keyword by adding a constant and its text.

package hiveql

// Keyword identifies a word the grammar gives meaning to. Most keywords are
// not reserved: the parser accepts them as identifiers where Hive does.
type Keyword uint16

const (
	KwNone Keyword = iota
	KwADD
	KwADMIN
	KwAFTER
	KwALL
	KwALTER
	KwANALYZE
	KwAND
	KwANTI
	KwANY
	KwARCHIVE
	KwARRAY
	KwAS
	KwASC
	KwAUTHORIZATION
	KwBETWEEN
	KwBIGINT
	KwBINARY
	KwBOOLEAN
	KwBOTH
	KwBUCKET
	KwBUCKETS
	KwBY
	KwCACHE
	KwCASCADE
	KwCASE
	KwCAST
	KwCHANGE
	KwCHAR
	KwCLUSTER
	KwCLUSTERED
	KwCLUSTERSTATUS
	KwCOLLECTION
	KwCOLUMN
	KwCOLUMNS
	KwCOMMENT
	KwCOMPACT
	KwCOMPACTIONS
	KwCOMPUTE
	KwCONCATENATE
	KwCONF
	KwCONSTRAINT
	KwCREATE
	KwCROSS
	KwCUBE
	KwCURRENT
	KwCURRENT_DATE
	KwCURRENT_TIMESTAMP
	KwDATA
	KwDATABASE
	KwDATABASES
	KwDATE
	KwDATETIME
	KwDAY
	KwDAYS
	KwDBPROPERTIES
	KwDECIMAL
	KwDEFAULT
	KwDEFERRED
	KwDEFINED
	KwDELETE
	KwDELIMITED
	KwDEPENDENCY
	KwDESC
	KwDESCRIBE
	KwDIRECTORIES
	KwDIRECTORY
	KwDISABLE
	KwDISTINCT
	KwDISTRIBUTE
	KwDIV
	KwDOUBLE
	KwDROP
	KwELSE
	KwENABLE
	KwEND
	KwESCAPED
	KwEXCHANGE
	KwEXISTS
	KwEXPLAIN
	KwEXPORT
	KwEXTENDED
	KwEXTERNAL
	KwFALSE
	KwFETCH
	KwFIELDS
	KwFILE
	KwFILEFORMAT
	KwFIRST
	KwFLOAT
	KwFOLLOWING
	KwFOR
	KwFOREIGN
	KwFORMAT
	KwFORMATTED
	KwFROM
	KwFULL
	KwFUNCTION
	KwFUNCTIONS
	KwGRANT
	KwGROUP
	KwGROUPING
	KwHAVING
	KwHOUR
	KwHOURS
	KwIF
	KwIMPORT
	KwIN
	KwINDEX
	KwINDEXES
	KwINNER
	KwINPATH
	KwINPUTFORMAT
	KwINSERT
	KwINT
	KwINTEGER
	KwINTERSECT
	KwINTERVAL
	KwINTO
	KwIS
	KwITEMS
	KwJOIN
	KwKEYS
	KwKEY
	KwLATERAL
	KwLAST
	KwLEFT
	KwLESS
	KwLIKE
	KwLIMIT
	KwLINES
	KwLIST
	KwLOAD
	KwLOCAL
	KwLOCATION
	KwLOCK
	KwLOCKS
	KwLOGICAL
	KwLONG
	KwMACRO
	KwMAP
	KwMAPJOIN
	KwMATERIALIZED
	KwMERGE
	KwMETADATA
	KwMINUS
	KwMINUTE
	KwMINUTES
	KwMONTH
	KwMONTHS
	KwMSCK
	KwNOSCAN
	KwNORELY
	KwNOT
	KwNOVALIDATE
	KwNULL
	KwNULLS
	KwOF
	KwOFFSET
	KwON
	KwONLY
	KwOPTION
	KwOPTIONS
	KwOR
	KwORDER
	KwOUT
	KwOUTER
	KwOUTPUTFORMAT
	KwOVER
	KwOVERWRITE
	KwPARTITION
	KwPARTITIONED
	KwPARTITIONS
	KwPERCENT
	KwPRECEDING
	KwPRIMARY
	KwPRINCIPALS
	KwPURGE
	KwRANGE
	KwREADS
	KwREBUILD
	KwRECORDREADER
	KwRECORDWRITER
	KwREDUCE
	KwREFERENCES
	KwREGEXP
	KwRELY
	KwRENAME
	KwREPAIR
	KwREPLACE
	KwRESET
	KwRESTRICT
	KwREVOKE
	KwREWRITE
	KwRIGHT
	KwRLIKE
	KwROLE
	KwROLES
	KwROLLUP
	KwROW
	KwROWS
	KwSCHEMA
	KwSCHEMAS
	KwSECOND
	KwSECONDS
	KwSELECT
	KwSEMI
	KwSERDE
	KwSERDEPROPERTIES
	KwSET
	KwSETS
	KwSHOW
	KwSKEWED
	KwSMALLINT
	KwSORT
	KwSORTED
	KwSOURCE
	KwSTORED
	KwSTREAMTABLE
	KwSTRING
	KwSTRUCT
	KwTABLE
	KwTABLES
	KwTABLESAMPLE
	KwTBLPROPERTIES
	KwTEMPORARY
	KwTERMINATED
	KwTHEN
	KwTIMESTAMP
	KwTINYINT
	KwTO
	KwTOUCH
	KwTRANSACTION
	KwTRANSACTIONAL
	KwTRANSACTIONS
	KwTRANSFORM
	KwTRIGGER
	KwTRUE
	KwTRUNCATE
	KwUNARCHIVE
	KwUNBOUNDED
	KwUNION
	KwUNIONTYPE
	KwUNIQUEJOIN
	KwUNLOCK
	KwUNSET
	KwUPDATE
	KwUSE
	KwUSER
	KwUSING
	KwVALUES
	KwVARCHAR
	KwVECTORIZATION
	KwVIEW
	KwVIEWS
	KwWHEN
	KwWHERE
	KwWINDOW
	KwWITH
	KwYEAR
	KwYEARS
	KwWEEK
	KwWEEKS
	KwQUARTER
	KwZONE
	KwENFORCED
	KwVALIDATE
	KwCBO
	KwAST
	KwDETAIL
	KwSUMMARY
	KwOPERATOR
	KwEXPRESSION
	KwUNIQUE
	KwCHECK
	KwPIVOT
	KwUNPIVOT
	KwQUALIFY
	KwDISTINCTROW
	KwDFS
	KwRELOAD
	KwMATCHED
	KwUTC
	KwLIFECYCLE
	KwCOST
	KwSNAPSHOT
	KwRECOVER
	KwEXCEPT
	KwNATURAL
	KwGLOBAL
	KwRECURSIVE
	numKeywords
)

var keywordText = [numKeywords]string{
	KwADD:               "ADD",
	KwADMIN:             "ADMIN",
	KwAFTER:             "AFTER",
	KwALL:               "ALL",
	KwALTER:             "ALTER",
	KwANALYZE:           "ANALYZE",
	KwAND:               "AND",
	KwANTI:              "ANTI",
	KwANY:               "ANY",
	KwARCHIVE:           "ARCHIVE",
	KwARRAY:             "ARRAY",
	KwAS:                "AS",
	KwASC:               "ASC",
	KwAUTHORIZATION:     "AUTHORIZATION",
	KwBETWEEN:           "BETWEEN",
	KwBIGINT:            "BIGINT",
	KwBINARY:            "BINARY",
	KwBOOLEAN:           "BOOLEAN",
	KwBOTH:              "BOTH",
	KwBUCKET:            "BUCKET",
	KwBUCKETS:           "BUCKETS",
	KwBY:                "BY",
	KwCACHE:             "CACHE",
	KwCASCADE:           "CASCADE",
	KwCASE:              "CASE",
	KwCAST:              "CAST",
	KwCHANGE:            "CHANGE",
	KwCHAR:              "CHAR",
	KwCLUSTER:           "CLUSTER",
	KwCLUSTERED:         "CLUSTERED",
	KwCLUSTERSTATUS:     "CLUSTERSTATUS",
	KwCOLLECTION:        "COLLECTION",
	KwCOLUMN:            "COLUMN",
	KwCOLUMNS:           "COLUMNS",
	KwCOMMENT:           "COMMENT",
	KwCOMPACT:           "COMPACT",
	KwCOMPACTIONS:       "COMPACTIONS",
	KwCOMPUTE:           "COMPUTE",
	KwCONCATENATE:       "CONCATENATE",
	KwCONF:              "CONF",
	KwCONSTRAINT:        "CONSTRAINT",
	KwCREATE:            "CREATE",
	KwCROSS:             "CROSS",
	KwCUBE:              "CUBE",
	KwCURRENT:           "CURRENT",
	KwCURRENT_DATE:      "CURRENT_DATE",
	KwCURRENT_TIMESTAMP: "CURRENT_TIMESTAMP",
	KwDATA:              "DATA",
	KwDATABASE:          "DATABASE",
	KwDATABASES:         "DATABASES",
	KwDATE:              "DATE",
	KwDATETIME:          "DATETIME",
	KwDAY:               "DAY",
	KwDAYS:              "DAYS",
	KwDBPROPERTIES:      "DBPROPERTIES",
	KwDECIMAL:           "DECIMAL",
	KwDEFAULT:           "DEFAULT",
	KwDEFERRED:          "DEFERRED",
	KwDEFINED:           "DEFINED",
	KwDELETE:            "DELETE",
	KwDELIMITED:         "DELIMITED",
	KwDEPENDENCY:        "DEPENDENCY",
	KwDESC:              "DESC",
	KwDESCRIBE:          "DESCRIBE",
	KwDIRECTORIES:       "DIRECTORIES",
	KwDIRECTORY:         "DIRECTORY",
	KwDISABLE:           "DISABLE",
	KwDISTINCT:          "DISTINCT",
	KwDISTRIBUTE:        "DISTRIBUTE",
	KwDIV:               "DIV",
	KwDOUBLE:            "DOUBLE",
	KwDROP:              "DROP",
	KwELSE:              "ELSE",
	KwENABLE:            "ENABLE",
	KwEND:               "END",
	KwESCAPED:           "ESCAPED",
	KwEXCHANGE:          "EXCHANGE",
	KwEXISTS:            "EXISTS",
	KwEXPLAIN:           "EXPLAIN",
	KwEXPORT:            "EXPORT",
	KwEXTENDED:          "EXTENDED",
	KwEXTERNAL:          "EXTERNAL",
	KwFALSE:             "FALSE",
	KwFETCH:             "FETCH",
	KwFIELDS:            "FIELDS",
	KwFILE:              "FILE",
	KwFILEFORMAT:        "FILEFORMAT",
	KwFIRST:             "FIRST",
	KwFLOAT:             "FLOAT",
	KwFOLLOWING:         "FOLLOWING",
	KwFOR:               "FOR",
	KwFOREIGN:           "FOREIGN",
	KwFORMAT:            "FORMAT",
	KwFORMATTED:         "FORMATTED",
	KwFROM:              "FROM",
	KwFULL:              "FULL",
	KwFUNCTION:          "FUNCTION",
	KwFUNCTIONS:         "FUNCTIONS",
	KwGRANT:             "GRANT",
	KwGROUP:             "GROUP",
	KwGROUPING:          "GROUPING",
	KwHAVING:            "HAVING",
	KwHOUR:              "HOUR",
	KwHOURS:             "HOURS",
	KwIF:                "IF",
	KwIMPORT:            "IMPORT",
	KwIN:                "IN",
	KwINDEX:             "INDEX",
	KwINDEXES:           "INDEXES",
	KwINNER:             "INNER",
	KwINPATH:            "INPATH",
	KwINPUTFORMAT:       "INPUTFORMAT",
	KwINSERT:            "INSERT",
	KwINT:               "INT",
	KwINTEGER:           "INTEGER",
	KwINTERSECT:         "INTERSECT",
	KwINTERVAL:          "INTERVAL",
	KwINTO:              "INTO",
	KwIS:                "IS",
	KwITEMS:             "ITEMS",
	KwJOIN:              "JOIN",
	KwKEYS:              "KEYS",
	KwKEY:               "KEY",
	KwLATERAL:           "LATERAL",
	KwLAST:              "LAST",
	KwLEFT:              "LEFT",
	KwLESS:              "LESS",
	KwLIKE:              "LIKE",
	KwLIMIT:             "LIMIT",
	KwLINES:             "LINES",
	KwLIST:              "LIST",
	KwLOAD:              "LOAD",
	KwLOCAL:             "LOCAL",
	KwLOCATION:          "LOCATION",
	KwLOCK:              "LOCK",
	KwLOCKS:             "LOCKS",
	KwLOGICAL:           "LOGICAL",
	KwLONG:              "LONG",
	KwMACRO:             "MACRO",
	KwMAP:               "MAP",
	KwMAPJOIN:           "MAPJOIN",
	KwMATERIALIZED:      "MATERIALIZED",
	KwMERGE:             "MERGE",
	KwMETADATA:          "METADATA",
	KwMINUS:             "MINUS",
	KwMINUTE:            "MINUTE",
	KwMINUTES:           "MINUTES",
	KwMONTH:             "MONTH",
	KwMONTHS:            "MONTHS",
	KwMSCK:              "MSCK",
	KwNOSCAN:            "NOSCAN",
	KwNORELY:            "NORELY",
	KwNOT:               "NOT",
	KwNOVALIDATE:        "NOVALIDATE",
	KwNULL:              "NULL",
	KwNULLS:             "NULLS",
	KwOF:                "OF",
	KwOFFSET:            "OFFSET",
	KwON:                "ON",
	KwONLY:              "ONLY",
	KwOPTION:            "OPTION",
	KwOPTIONS:           "OPTIONS",
	KwOR:                "OR",
	KwORDER:             "ORDER",
	KwOUT:               "OUT",
	KwOUTER:             "OUTER",
	KwOUTPUTFORMAT:      "OUTPUTFORMAT",
	KwOVER:              "OVER",
	KwOVERWRITE:         "OVERWRITE",
	KwPARTITION:         "PARTITION",
	KwPARTITIONED:       "PARTITIONED",
	KwPARTITIONS:        "PARTITIONS",
	KwPERCENT:           "PERCENT",
	KwPRECEDING:         "PRECEDING",
	KwPRIMARY:           "PRIMARY",
	KwPRINCIPALS:        "PRINCIPALS",
	KwPURGE:             "PURGE",
	KwRANGE:             "RANGE",
	KwREADS:             "READS",
	KwREBUILD:           "REBUILD",
	KwRECORDREADER:      "RECORDREADER",
	KwRECORDWRITER:      "RECORDWRITER",
	KwREDUCE:            "REDUCE",
	KwREFERENCES:        "REFERENCES",
	KwREGEXP:            "REGEXP",
	KwRELY:              "RELY",
	KwRENAME:            "RENAME",
	KwREPAIR:            "REPAIR",
	KwREPLACE:           "REPLACE",
	KwRESET:             "RESET",
	KwRESTRICT:          "RESTRICT",
	KwREVOKE:            "REVOKE",
	KwREWRITE:           "REWRITE",
	KwRIGHT:             "RIGHT",
	KwRLIKE:             "RLIKE",
	KwROLE:              "ROLE",
	KwROLES:             "ROLES",
	KwROLLUP:            "ROLLUP",
	KwROW:               "ROW",
	KwROWS:              "ROWS",
	KwSCHEMA:            "SCHEMA",
	KwSCHEMAS:           "SCHEMAS",
	KwSECOND:            "SECOND",
	KwSECONDS:           "SECONDS",
	KwSELECT:            "SELECT",
	KwSEMI:              "SEMI",
	KwSERDE:             "SERDE",
	KwSERDEPROPERTIES:   "SERDEPROPERTIES",
	KwSET:               "SET",
	KwSETS:              "SETS",
	KwSHOW:              "SHOW",
	KwSKEWED:            "SKEWED",
	KwSMALLINT:          "SMALLINT",
	KwSORT:              "SORT",
	KwSORTED:            "SORTED",
	KwSOURCE:            "SOURCE",
	KwSTORED:            "STORED",
	KwSTREAMTABLE:       "STREAMTABLE",
	KwSTRING:            "STRING",
	KwSTRUCT:            "STRUCT",
	KwTABLE:             "TABLE",
	KwTABLES:            "TABLES",
	KwTABLESAMPLE:       "TABLESAMPLE",
	KwTBLPROPERTIES:     "TBLPROPERTIES",
	KwTEMPORARY:         "TEMPORARY",
	KwTERMINATED:        "TERMINATED",
	KwTHEN:              "THEN",
	KwTIMESTAMP:         "TIMESTAMP",
	KwTINYINT:           "TINYINT",
	KwTO:                "TO",
	KwTOUCH:             "TOUCH",
	KwTRANSACTION:       "TRANSACTION",
	KwTRANSACTIONAL:     "TRANSACTIONAL",
	KwTRANSACTIONS:      "TRANSACTIONS",
	KwTRANSFORM:         "TRANSFORM",
	KwTRIGGER:           "TRIGGER",
	KwTRUE:              "TRUE",
	KwTRUNCATE:          "TRUNCATE",
	KwUNARCHIVE:         "UNARCHIVE",
	KwUNBOUNDED:         "UNBOUNDED",
	KwUNION:             "UNION",
	KwUNIONTYPE:         "UNIONTYPE",
	KwUNIQUEJOIN:        "UNIQUEJOIN",
	KwUNLOCK:            "UNLOCK",
	KwUNSET:             "UNSET",
	KwUPDATE:            "UPDATE",
	KwUSE:               "USE",
	KwUSER:              "USER",
	KwUSING:             "USING",
	KwVALUES:            "VALUES",
	KwVARCHAR:           "VARCHAR",
	KwVECTORIZATION:     "VECTORIZATION",
	KwVIEW:              "VIEW",
	KwVIEWS:             "VIEWS",
	KwWHEN:              "WHEN",
	KwWHERE:             "WHERE",
	KwWINDOW:            "WINDOW",
	KwWITH:              "WITH",
	KwYEAR:              "YEAR",
	KwYEARS:             "YEARS",
	KwWEEK:              "WEEK",
	KwWEEKS:             "WEEKS",
	KwQUARTER:           "QUARTER",
	KwZONE:              "ZONE",
	KwENFORCED:          "ENFORCED",
	KwVALIDATE:          "VALIDATE",
	KwCBO:               "CBO",
	KwAST:               "AST",
	KwDETAIL:            "DETAIL",
	KwSUMMARY:           "SUMMARY",
	KwOPERATOR:          "OPERATOR",
	KwEXPRESSION:        "EXPRESSION",
	KwUNIQUE:            "UNIQUE",
	KwCHECK:             "CHECK",
	KwPIVOT:             "PIVOT",
	KwUNPIVOT:           "UNPIVOT",
	KwQUALIFY:           "QUALIFY",
	KwDISTINCTROW:       "DISTINCTROW",
	KwDFS:               "DFS",
	KwRELOAD:            "RELOAD",
	KwMATCHED:           "MATCHED",
	KwUTC:               "UTC",
	KwLIFECYCLE:         "LIFECYCLE",
	KwCOST:              "COST",
	KwSNAPSHOT:          "SNAPSHOT",
	KwRECOVER:           "RECOVER",
	KwEXCEPT:            "EXCEPT",
	KwNATURAL:           "NATURAL",
	KwGLOBAL:            "GLOBAL",
	KwRECURSIVE:         "RECURSIVE",
}

// String returns the keyword in upper case, as the printer writes it.
func (k Keyword) String() string {
	if k < numKeywords {
		return keywordText[k]
	}
	return ""
}

var keywordByLower = func() map[string]Keyword {
	m := make(map[string]Keyword, numKeywords)
	for k := Keyword(1); k < numKeywords; k++ {
		b := []byte(keywordText[k])
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		m[string(b)] = k
	}
	return m
}()

// lookupKeyword returns the keyword spelled by word in any case, or KwNone.
// It does not allocate: the lower-case copy lives on the stack and Go's map
// lookup with string(bytes) does not copy.
func lookupKeyword(word []byte) Keyword {
	if len(word) > 32 || len(word) < 2 {
		return KwNone
	}
	var buf [32]byte
	for i, c := range word {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return keywordByLower[string(buf[:len(word)])]
}
