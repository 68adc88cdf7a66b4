-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
-- weekly housekeeping (copied from batch-03, edited)
SET spark.sql.cli.print.header=true;
LOAD DATA INPATH 's3://acme-lake/incoming/shops.tsv' OVERWRITE INTO TABLE raw.shops;
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.user_status
SELECT u.user_id, CASE WHEN u.code = 1 THEN 'active' ELSE 'idle' END, hash(u.user_id) % 10
FROM dwh.user_status u
LEFT OUTER JOIN raw.events e ON u.user_id = e.user_id AND e.dt >= date_sub(current_date, 7);
SELECT shop_id, count(*)
FROM raw.orders
GROUP BY 1
ORDER BY 2 DESC
LIMIT 10;
SELECT add_months(last_day(dt), 1), str_to_map(attrs, ',', ':')['ref']
FROM raw.events;
-- [SP034] needs a person: DELETE needs an ACID table, Spark writes those only as Iceberg or Delta tables
-- | DELETE FROM dwh.user_status WHERE user_id IS NULL
-- [SP005] shell step (not Spark SQL): /home/batch/bin/notify.sh --to ops@example.com --token '<redacted>'
-- [SP022] dropped: LOCK TABLE dwh.user_status EXCLUSIVE -- Hive table locks do not exist in Spark, make sure jobs writing the same table do not overlap
