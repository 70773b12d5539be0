-- expect: error 5:17 WATERMARK FOR names column 'ts', which is generated; event time must come from a column the connector reads
CREATE TABLE input (
  seconds BIGINT,
  ts TIMESTAMP GENERATED ALWAYS AS (to_timestamp(seconds)),
  WATERMARK FOR ts
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT ts FROM input;
