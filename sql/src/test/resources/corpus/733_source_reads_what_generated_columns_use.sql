-- expect: plans
-- A generated column reads the columns its expression uses; the event time is read.
-- explain: unread: event_type, b
CREATE TABLE events (
  event_type INT,
  ts TIMESTAMP,
  a BIGINT,
  b BIGINT,
  doubled BIGINT GENERATED ALWAYS AS (a * 2),
  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT doubled FROM events;
