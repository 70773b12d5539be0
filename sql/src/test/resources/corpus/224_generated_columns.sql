-- expect: plans
-- Virtual columns: the connector reads k, v, payload and ts; a projection after the source computes the rest.
-- nodes: source projection watermark projection window_aggregate projection sink
-- explain: emits (k TEXT, v BIGINT, payload JSON, ts TIMESTAMP(9) NOT NULL, _timestamp TIMESTAMP(9) NOT NULL)
-- explain: doubled = CAST(v * 2 AS DECIMAL(20, 0))
-- explain: country = JSON_AS_TEXT(payload, 'country')
CREATE TABLE input (
  k TEXT, v BIGINT,
  doubled DECIMAL(20, 0) GENERATED ALWAYS AS (v * 2),
  payload JSON,
  country TEXT GENERATED ALWAYS AS (payload ->> 'country'),
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT country, tumble(interval '1 minute') AS window, sum(doubled) AS total FROM input GROUP BY country, window;
