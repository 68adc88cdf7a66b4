-- sparkport: ads_daily, step 2 (hive-sql)
-- source: digdag-01:/opt/digdag/ads/queries/ads_daily.hql:1
-- replaces:
--   digdag-01:/opt/digdag/ads/ads_daily.dig  digdag-01:/opt/digdag/ads/queries/ads_daily.hql:1
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE mart.ads_daily
SELECT campaign_id, SUM(cost) AS cost, SUM(clicks) AS clicks
FROM lake.ads_report
GROUP BY campaign_id;
