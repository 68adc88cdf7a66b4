-- sparkport: Glue Data Catalog definitions for database mart
CREATE DATABASE IF NOT EXISTS mart LOCATION 's3://example-lake/mart/mart.db';

-- Used by the estate but defined nowhere in it: take each definition from the
-- legacy metastore (SHOW CREATE TABLE) and set its LOCATION on S3.
--   mart.ads_daily
--   mart.daily_sales
--   mart.kpi_daily
--   mart.ml_scores
--   mart.region_weekly_kansai
--   mart.region_weekly_kanto
--   mart.region_weekly_kyushu
--   mart.store_sales_namba
--   mart.store_sales_sakae
--   mart.store_sales_tenjin
--   mart.store_sales_umeda
