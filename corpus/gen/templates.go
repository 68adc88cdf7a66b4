package main

import "fmt"

// A template is one kind of HiveQL job, written for one service ({svc}).
// Markers let a copy differ from the original the way copies on real
// hosts do, without changing what it means:
//
//	{a} {b}          table aliases (renamed in some copies)
//	{AS}             the optional AS (dropped in some copies)
//	{(} {)}          redundant parentheses (added in some copies)
//	⟦x = y⟧          an equality whose sides some copies swap
//	⟪p AND q⟫        a conjunction whose operands some copies swap
//	{CMT}            a comment line (Japanese, English, or none)
//
// and to differ in meaning:
//
//	{M:base|mutant}  a near miss: the mutant changes an operator, an
//	                 aggregate, a join type or a predicate
//	{N:v1|v2|v3}     a literal that differs between the services of a family
type template struct {
	name    string
	sql     string
	inputs  []string // tables read, with {svc}
	output  string   // table written, with {svc}
	vars    []string // extra --hivevar names besides dt
	dead    bool     // nothing reads the output
	comment string
}

var templates = []template{
	{
		name: "daily_pv", output: "dwh.{svc}_daily_pv", inputs: []string{"lake.{svc}_access_log"},
		comment: "{svc} のページ別 PV / UU を日次で集計する",
		sql: `{CMT}
INSERT OVERWRITE TABLE dwh.{svc}_daily_pv PARTITION (dt='${hivevar:dt}')
SELECT {a}.page_id, COUNT(*) {AS}pv, COUNT(DISTINCT {a}.user_id) {AS}uu
FROM lake.{svc}_access_log {AS}{a}
WHERE {(}⟪{a}.dt = '${hivevar:dt}' AND {a}.status {M:=|<>} 200⟫{)}
GROUP BY {a}.page_id;
`,
	},
	{
		name: "order_summary", output: "dwh.{svc}_order_summary", inputs: []string{"lake.{svc}_orders", "dwh.{svc}_dim_shop"},
		comment: "{svc} 店舗別の売上サマリ",
		sql: `{CMT}
SET hive.exec.dynamic.partition.mode=nonstrict;
INSERT OVERWRITE TABLE dwh.{svc}_order_summary PARTITION (dt='${hivevar:dt}')
SELECT {b}.shop_id, {b}.shop_name, {M:SUM|MAX}({a}.amount) {AS}total_amount, COUNT(*) {AS}orders
FROM lake.{svc}_orders {AS}{a}
{M:JOIN|LEFT JOIN} dwh.{svc}_dim_shop {AS}{b} ON ⟦{a}.shop_id = {b}.shop_id⟧
WHERE {a}.dt = '${hivevar:dt}'
GROUP BY {b}.shop_id, {b}.shop_name;
`,
	},
	{
		name: "top_users", output: "mart.{svc}_top_users", inputs: []string{"dwh.{svc}_user_orders"}, vars: []string{"from_dt"},
		comment: "{svc} 購入金額上位ユーザー",
		sql: `{CMT}
INSERT OVERWRITE TABLE mart.{svc}_top_users PARTITION (dt='${hivevar:dt}')
SELECT user_id, total, rnk FROM (
  SELECT {a}.user_id, SUM({a}.amount) {AS}total,
         ROW_NUMBER() OVER (PARTITION BY {a}.segment ORDER BY SUM({a}.amount) DESC) {AS}rnk
  FROM dwh.{svc}_user_orders {AS}{a}
  WHERE {a}.dt {M:>=|>} '${hivevar:from_dt}'
  GROUP BY {a}.user_id, {a}.segment
) {b}
WHERE {b}.rnk <= {N:50|100|200};
`,
	},
	{
		name: "device_usage", output: "dwh.{svc}_device_usage", inputs: []string{"lake.{svc}_sessions"},
		comment: "{svc} デバイス別の利用時間",
		sql: `{CMT}
WITH base AS (
  SELECT {a}.user_id, {a}.device, {a}.duration
  FROM lake.{svc}_sessions {AS}{a}
  WHERE ⟪{a}.dt = '${hivevar:dt}' AND {a}.duration > 0⟫
)
INSERT OVERWRITE TABLE dwh.{svc}_device_usage PARTITION (dt='${hivevar:dt}')
SELECT CASE WHEN device IN ('ios', 'android') THEN 'app' ELSE 'web' END {AS}channel,
       {M:AVG|SUM}(duration) {AS}avg_duration, COUNT(DISTINCT user_id) {AS}users
FROM base
GROUP BY CASE WHEN device IN ('ios', 'android') THEN 'app' ELSE 'web' END;
`,
	},
	{
		name: "kpi_daily", output: "mart.{svc}_kpi_daily", inputs: []string{"dwh.{svc}_daily_pv", "dwh.{svc}_order_summary"},
		comment: "{svc} 日次 KPI (PV と売上)",
		sql: `{CMT}
INSERT OVERWRITE TABLE mart.{svc}_kpi_daily PARTITION (dt='${hivevar:dt}')
SELECT {a}.dt {AS}day, {a}.pv, {a}.uu, COALESCE({b}.total_amount, 0) {AS}sales
FROM (SELECT dt, SUM(pv) {AS}pv, SUM(uu) {AS}uu FROM dwh.{svc}_daily_pv WHERE dt = '${hivevar:dt}' GROUP BY dt) {a}
{M:LEFT JOIN|JOIN} (SELECT dt, SUM(total_amount) {AS}total_amount FROM dwh.{svc}_order_summary WHERE dt = '${hivevar:dt}' GROUP BY dt) {b}
  ON ⟦{a}.dt = {b}.dt⟧;
`,
	},
	{
		name: "tag_counts", output: "dwh.{svc}_tag_counts", inputs: []string{"lake.{svc}_items"},
		comment: "{svc} 商品タグの出現回数",
		sql: `{CMT}
INSERT OVERWRITE TABLE dwh.{svc}_tag_counts PARTITION (dt='${hivevar:dt}')
SELECT tag, COUNT(*) {AS}cnt
FROM lake.{svc}_items {AS}{a} LATERAL VIEW explode(split({a}.tags, ',')) t AS tag
WHERE {a}.dt = '${hivevar:dt}'
GROUP BY tag
HAVING COUNT(*) {M:>=|>} {N:5|10|20};
`,
	},
	{
		name: "user_orders", output: "dwh.{svc}_user_orders", inputs: []string{"lake.{svc}_orders", "lake.{svc}_users"},
		comment: "{svc} ユーザー別注文 (セグメント付き)",
		sql: `{CMT}
INSERT OVERWRITE TABLE dwh.{svc}_user_orders PARTITION (dt='${hivevar:dt}')
SELECT {a}.user_id, {b}.segment, {a}.amount
FROM lake.{svc}_orders {AS}{a}
JOIN lake.{svc}_users {AS}{b} ON ⟦{a}.user_id = {b}.user_id⟧
WHERE {(}⟪{a}.dt = '${hivevar:dt}' AND {a}.amount {M:>|>=} 0⟫{)};
`,
	},
	{
		name: "dim_shop", output: "dwh.{svc}_dim_shop", inputs: []string{"lake.{svc}_shops"},
		comment: "{svc} 店舗マスタの洗い替え",
		sql: `{CMT}
INSERT OVERWRITE TABLE dwh.{svc}_dim_shop
SELECT shop_id, shop_name, prefecture, opened_at
FROM lake.{svc}_shops
WHERE {M:closed_at IS NULL|closed_at IS NOT NULL};
`,
	},
	{
		name: "channel_sales", output: "mart.{svc}_channel_sales", inputs: []string{"lake.{svc}_orders", "lake.{svc}_app_purchases"},
		comment: "{svc} チャネル別売上",
		sql: `{CMT}
INSERT OVERWRITE TABLE mart.{svc}_channel_sales PARTITION (dt='${hivevar:dt}')
SELECT 'store' {AS}channel, SUM(amount) {AS}amount FROM lake.{svc}_orders WHERE dt = '${hivevar:dt}'
UNION ALL
SELECT 'app' {AS}channel, SUM({M:price * qty|price + qty}) {AS}amount FROM lake.{svc}_app_purchases WHERE dt = '${hivevar:dt}';
`,
	},
	{
		name: "event_funnel", output: "dwh.{svc}_event_funnel", inputs: []string{"lake.{svc}_events"},
		comment: "{svc} イベントファネル",
		sql: `{CMT}
INSERT OVERWRITE TABLE dwh.{svc}_event_funnel PARTITION (dt='${hivevar:dt}')
SELECT {a}.step, {M:COUNT(DISTINCT {a}.session_id)|COUNT({a}.session_id)} {AS}sessions
FROM lake.{svc}_events {AS}{a}
WHERE ⟪{a}.dt = '${hivevar:dt}' AND {a}.step IN ('view', 'cart', 'buy')⟫
GROUP BY {a}.step;
`,
	},
	{
		name: "legacy_report", output: "tmp.{svc}_legacy_report", inputs: []string{"lake.{svc}_access_log"}, dead: true,
		comment: "{svc} 旧レポート (もう誰も見ていない)",
		sql: `{CMT}
INSERT OVERWRITE TABLE tmp.{svc}_legacy_report
SELECT {a}.page_id, COUNT(*) {AS}hits
FROM lake.{svc}_access_log {AS}{a}
WHERE {a}.dt >= '${hivevar:dt}'
GROUP BY {a}.page_id;
`,
	},
}

// services are the 40 cities, then their e-commerce brands (osaka_ec, …):
// a family's members differ in this name, in table names and literals.
var services = append(cities, withSuffix(cities, "_ec")...)

// serviceNames gives n service names: the named ones first, then, for
// estates larger than the one a platform team of 172 VMs runs, the same
// names again with a round number (osaka2, osaka_ec2, …).
func serviceNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = services[i%len(services)]
		if r := i / len(services); r > 0 {
			out[i] += fmt.Sprint(r + 1)
		}
	}
	return out
}

func withSuffix(list []string, suffix string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = s + suffix
	}
	return out
}

var cities = []string{
	"osaka", "tokyo", "nagoya", "fukuoka", "sapporo", "sendai", "kobe", "kyoto", "hiroshima", "yokohama",
	"chiba", "saitama", "niigata", "shizuoka", "okayama", "kumamoto", "kagoshima", "naha", "kanazawa", "nara",
	"matsuyama", "takamatsu", "kochi", "tokushima", "oita", "miyazaki", "nagasaki", "saga", "yamaguchi", "tottori",
	"matsue", "fukui", "toyama", "gifu", "tsu", "otsu", "wakayama", "kofu", "nagano", "utsunomiya",
}
