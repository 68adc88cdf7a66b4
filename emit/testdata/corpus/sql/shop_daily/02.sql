-- sparkport: shop_daily, step 2 (hive-sql)
-- source: digdag-01:/opt/digdag/shop/queries/dim_shop.hql:1
-- replaces:
--   digdag-01:/opt/digdag/shop/daily.dig  digdag-01:/opt/digdag/shop/queries/dim_shop.hql:1
-- rules: SP112, SP124
-- [SP112] the legacy Hive servers ran in Asia/Tokyo
SET spark.sql.session.timeZone=Asia/Tokyo;
SET spark.sql.storeAssignmentPolicy=LEGACY;
INSERT OVERWRITE TABLE dwh.dim_shop
SELECT shop_id, shop_name, store_code, prefecture, region
FROM lake.shop_shops
WHERE closed_at IS NULL;
