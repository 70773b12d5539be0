-- expect: plans
-- nodes: source projection sink
-- explain: DATE_TRUNC('minute', ts)
-- explain: TO_TIMESTAMP_MILLIS(ms)
-- explain: ROW_TIME()
CREATE TABLE events (id BIGINT, ts TIMESTAMP, ms BIGINT, raw TEXT)
WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT
  date_trunc('minute', ts) AS by_minute, date_trunc('month', ts) AS by_month,
  extract(epoch FROM ts) AS epoch_s, extract(dow FROM ts) AS dow, extract(doy FROM ts) AS doy,
  date_part('hour', ts) AS hr,
  to_timestamp(id) AS from_seconds, to_timestamp_millis(ms) AS from_millis,
  to_timestamp_micros(ms) AS from_micros, to_timestamp_nanos(ms) AS from_nanos,
  from_unixtime(id) AS unixtime, to_timestamp(raw) AS parsed, CAST(raw AS TIMESTAMP) AS cast_ts,
  now() AS batch_now, row_time() AS event_time
FROM events;
