-- ユーザーイベントの展開 (explode event tags)
from lake.raw_events e
  lateral view explode(split(e.tags, ',')) t as tag
insert overwrite table dwh.user_event_tags partition (dt = '${hiveconf:dt}')
  select e.user_id, t.tag
  where e.dt = '${hiveconf:dt}'
insert overwrite table dwh.user_event_counts partition (dt = '${hiveconf:dt}')
  select e.user_id, count(*)
  where e.dt = '${hiveconf:dt}'
  group by e.user_id;

dfs -rm -r -f /tmp/user_events/${hiveconf:dt};
