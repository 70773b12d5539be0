-- expect: plans
-- nodes: source sink
-- explain: emits (a TINYINT UNSIGNED, b SMALLINT UNSIGNED, c INT UNSIGNED, d BIGINT UNSIGNED NOT NULL, iv INTERVAL, bin BYTEA, j JSON, s STRUCT<x INT, y TEXT, z STRUCT<q BIGINT>>, tags TEXT[], ts TIMESTAMP(3) NOT NULL, _timestamp TIMESTAMP(9) NOT NULL)
CREATE TABLE input (
  a TINYINT UNSIGNED, b SMALLINT UNSIGNED, c INT UNSIGNED, d BIGINT UNSIGNED NOT NULL,
  iv INTERVAL, bin BYTEA, j JSON,
  s STRUCT<x INT, y TEXT NOT NULL, z STRUCT<q BIGINT>>,
  tags TEXT[],
  ts TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (d)
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT * FROM input;
