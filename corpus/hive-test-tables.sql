-- The tables Apache Hive's own query tests (ql/src/test/queries/clientpositive)
-- take for granted, as Hive's test setup (data/scripts/q_test_init.sql)
-- defines them, written as Spark SQL for a Spark with Hive support.
--
--   sparkport verify --sql TRANSLATED_DIR --schema corpus/hive-test-tables.sql
--
-- verify fills each with generated rows (Hive's data files, kv1.txt and the
-- others, are not needed). Left out: src_thrift (a Thrift SerDe of Hive's
-- test jar) and the test UDF qtest_get_java_boolean.

CREATE TABLE src (key STRING, value STRING) STORED AS TEXTFILE;

CREATE TABLE src1 (key STRING, value STRING) STORED AS TEXTFILE;

CREATE TABLE src_json (json STRING) STORED AS TEXTFILE;

CREATE TABLE src_sequencefile (key STRING, value STRING) STORED AS SEQUENCEFILE;

CREATE TABLE srcbucket (key INT, value STRING) CLUSTERED BY (key) INTO 2 BUCKETS STORED AS TEXTFILE;

CREATE TABLE srcbucket2 (key INT, value STRING) CLUSTERED BY (key) INTO 4 BUCKETS STORED AS TEXTFILE;

CREATE TABLE srcpart (key STRING, value STRING)
PARTITIONED BY (ds STRING, hr STRING)
STORED AS TEXTFILE;

CREATE TABLE alltypesorc (
  ctinyint TINYINT,
  csmallint SMALLINT,
  cint INT,
  cbigint BIGINT,
  cfloat FLOAT,
  cdouble DOUBLE,
  cstring1 STRING,
  cstring2 STRING,
  ctimestamp1 TIMESTAMP,
  ctimestamp2 TIMESTAMP,
  cboolean1 BOOLEAN,
  cboolean2 BOOLEAN
) STORED AS ORC;

CREATE TABLE alltypesparquet (
  ctinyint TINYINT,
  csmallint SMALLINT,
  cint INT,
  cbigint BIGINT,
  cfloat FLOAT,
  cdouble DOUBLE,
  cstring1 STRING,
  cstring2 STRING,
  ctimestamp1 TIMESTAMP,
  ctimestamp2 TIMESTAMP,
  cboolean1 BOOLEAN,
  cboolean2 BOOLEAN
) STORED AS PARQUET;

CREATE TABLE primitives (
  id INT,
  bool_col BOOLEAN,
  tinyint_col TINYINT,
  smallint_col SMALLINT,
  int_col INT,
  bigint_col BIGINT,
  float_col FLOAT,
  double_col DOUBLE,
  date_string_col STRING,
  string_col STRING,
  timestamp_col TIMESTAMP
)
PARTITIONED BY (year INT, month INT)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
STORED AS TEXTFILE;

CREATE TABLE dest1 (key STRING, value STRING) STORED AS TEXTFILE;

CREATE TABLE dest2 (key STRING, value STRING) STORED AS TEXTFILE;

CREATE TABLE dest3 (key STRING, value STRING) PARTITIONED BY (ds STRING, hr STRING) STORED AS TEXTFILE;

CREATE TABLE dest4 (key STRING, value STRING) STORED AS TEXTFILE;

CREATE TABLE dest4_sequencefile (key STRING, value STRING) STORED AS SEQUENCEFILE;

CREATE TABLE cbo_t1 (key STRING, value STRING, c_int INT, c_float FLOAT, c_boolean BOOLEAN)
PARTITIONED BY (dt STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
STORED AS TEXTFILE;

CREATE TABLE cbo_t2 (key STRING, value STRING, c_int INT, c_float FLOAT, c_boolean BOOLEAN)
PARTITIONED BY (dt STRING)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
STORED AS TEXTFILE;

CREATE TABLE cbo_t3 (key STRING, value STRING, c_int INT, c_float FLOAT, c_boolean BOOLEAN)
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
STORED AS TEXTFILE;

CREATE TABLE src_cbo (key STRING, value STRING) STORED AS TEXTFILE;

CREATE TABLE part (
  p_partkey INT,
  p_name STRING,
  p_mfgr STRING,
  p_brand STRING,
  p_type STRING,
  p_size INT,
  p_container STRING,
  p_retailprice DOUBLE,
  p_comment STRING
);

CREATE TABLE lineitem (
  l_orderkey INT,
  l_partkey INT,
  l_suppkey INT,
  l_linenumber INT,
  l_quantity DOUBLE,
  l_extendedprice DOUBLE,
  l_discount DOUBLE,
  l_tax DOUBLE,
  l_returnflag STRING,
  l_linestatus STRING,
  l_shipdate STRING,
  l_commitdate STRING,
  l_receiptdate STRING,
  l_shipinstruct STRING,
  l_shipmode STRING,
  l_comment STRING
)
ROW FORMAT DELIMITED FIELDS TERMINATED BY '|';
