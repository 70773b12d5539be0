-- expect: plans
-- nodes: source sink
-- explain: a TEXT, b TEXT, c BOOLEAN, d TINYINT, e SMALLINT, f INT, g BIGINT, h BIGINT UNSIGNED, i FLOAT, j FLOAT, k DOUBLE, l DECIMAL(10, 2), m TIMESTAMP(9), n TIMESTAMP(3), o DATE, p TIME, q BYTEA, r JSON, s INT UNSIGNED NOT NULL
CREATE TABLE input (
  a TEXT, b STRING, c BOOLEAN, d TINYINT, e SMALLINT, f INTEGER, g BIGINT, h BIGINT UNSIGNED,
  i FLOAT, j REAL, k DOUBLE, l DECIMAL(10, 2), m TIMESTAMP, n TIMESTAMP(3), o DATE, p TIME,
  q BYTEA, r JSON, s INT UNSIGNED NOT NULL
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT * FROM input;
