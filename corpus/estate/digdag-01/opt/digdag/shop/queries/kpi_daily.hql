INSERT OVERWRITE TABLE mart.kpi_daily PARTITION (dt='${hivevar:dt}')
SELECT p.dt AS day, p.pv, p.uu, COALESCE(s.sales, 0) AS sales
FROM (SELECT dt, SUM(pv) AS pv, SUM(uu) AS uu FROM dwh.daily_pv WHERE dt = '${hivevar:dt}' GROUP BY dt) p
LEFT JOIN (SELECT dt, SUM(sales) AS sales FROM dwh.sales_summary WHERE dt = '${hivevar:dt}' GROUP BY dt) s
  ON p.dt = s.dt;
