INSERT OVERWRITE TABLE mart.ads_daily
SELECT campaign_id, SUM(cost) AS cost, SUM(clicks) AS clicks
FROM lake.ads_report
GROUP BY campaign_id;
