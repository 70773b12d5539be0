-- expect: error 10:33 DESCRIPTOR(other_ts) must name the event-time column of 'events', which is ts
CREATE TABLE events (
  k TEXT,
  v BIGINT,
  other_ts TIMESTAMP,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT window_start, window_end, count(*)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(other_ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
