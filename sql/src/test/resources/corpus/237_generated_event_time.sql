-- expect: plans
-- A generated column can be the event time: the projection that computes it sets _timestamp, and the watermark follows it.
-- explain: projection seconds, TO_TIMESTAMP(seconds) AS ts
-- explain: _timestamp = COALESCE(TO_TIMESTAMP(seconds), _timestamp)
-- nodes: source projection watermark projection sink
CREATE TABLE input (
  seconds BIGINT,
  ts TIMESTAMP GENERATED ALWAYS AS (to_timestamp(seconds)),
  WATERMARK FOR ts
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT ts FROM input;
