-- expect: error 5:37 Generated column 'ts' uses generated column 'seconds'
CREATE TABLE input (
  raw BIGINT,
  seconds BIGINT GENERATED ALWAYS AS (raw / 1000),
  ts TIMESTAMP GENERATED ALWAYS AS (to_timestamp(seconds)),
  WATERMARK FOR ts
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT ts FROM input;
