-- expect: error 5:33 Generated column 'c' uses generated column 'b'; it can only use columns the connector reads
CREATE TABLE input (
  a BIGINT,
  b BIGINT GENERATED ALWAYS AS (a + 1),
  c BIGINT GENERATED ALWAYS AS (b + 1)
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT c FROM input;
