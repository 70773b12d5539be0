-- expect: error 3:29 Unknown type FOO; supported types: TEXT, VARCHAR, BOOLEAN, TINYINT, SMALLINT, INT, BIGINT (also UNSIGNED), FLOAT, REAL, DOUBLE, DECIMAL(p, s), TIMESTAMP, DATE, TIME, INTERVAL, BYTEA, JSON, STRUCT<name TYPE, ...>, TYPE[]
CREATE TABLE events (
  bid ROW(auction BIGINT, x FOO)
) WITH (connector = 'single_file', path = '/data/nexmark.json', format = 'json', type = 'source');
SELECT events.bid.auction FROM events;
