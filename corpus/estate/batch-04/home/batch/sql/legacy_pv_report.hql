-- 旧 PV レポート: 2019 年のダッシュボード移行後、誰も読んでいない
INSERT OVERWRITE TABLE tmp.legacy_pv_report
SELECT page_id, SUM(pv) AS pv FROM dwh.daily_pv
WHERE dt >= '${hivevar:from_dt}'
GROUP BY page_id;
