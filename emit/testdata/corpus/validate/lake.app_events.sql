-- sparkport: reconciliation of lake.app_events
-- Run with spark-sql against the legacy metastore and against the Glue Data Catalog;
-- the two results must be equal. The checksum is order-independent: a sum of row hashes.
SELECT dt, COUNT(*) AS row_count, SUM(CAST(xxhash64(*) AS DECIMAL(38, 0))) AS checksum
FROM lake.app_events
GROUP BY dt
ORDER BY dt;
