INSERT OVERWRITE TABLE dwh.dim_shop
SELECT shop_id, shop_name, store_code, prefecture, region
FROM lake.shop_shops
WHERE closed_at IS NULL;
