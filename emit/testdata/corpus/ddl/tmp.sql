-- sparkport: Glue Data Catalog definitions for database tmp
-- no databases: pattern of the config matches tmp: its tables keep the locations below
CREATE DATABASE IF NOT EXISTS tmp;

-- Used by the estate but defined nowhere in it: take each definition from the
-- legacy metastore (SHOW CREATE TABLE) and set its LOCATION on S3.
--   tmp.legacy_pv_report
