-- sparkport: reconciliation of mart.store_sales_namba
-- Run with spark-sql against the legacy metastore and against the Glue Data Catalog;
-- the two results must be equal. The checksum is order-independent: a sum of row hashes.
-- the table's columns are not known here: should one be a MAP, it is hashed in its entries' order
SET spark.sql.legacy.allowHashOnMapType=true;
SELECT dt, COUNT(*) AS row_count, SUM(CAST(xxhash64(*) AS DECIMAL(38, 0))) AS checksum
FROM mart.store_sales_namba
GROUP BY dt
ORDER BY dt;
