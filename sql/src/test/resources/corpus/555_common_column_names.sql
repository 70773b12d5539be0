-- expect: plans
-- Column and table names users write are not reserved: value, out, day, hour, minute, second, year, month, date, time, timestamp; INTERVAL '1' DAY, CAST(... AS DATE) and TIMESTAMP '...' literals still parse.
-- nodes: source watermark projection sink
-- explain: timestamp + INTERVAL '86400 seconds' AS d1
CREATE TABLE t (value BIGINT, day TEXT, hour INT, minute INT, second INT, year INT, month INT, date DATE, time TIME, timestamp TIMESTAMP NOT NULL, WATERMARK FOR timestamp) WITH (connector = 'single_file', path = '/data/t.json', format = 'json', type = 'source');
CREATE TABLE out WITH (connector = 'stdout');
INSERT INTO out SELECT value, day, hour, minute, second, year, month, date, time, timestamp,
  timestamp + INTERVAL '1' DAY AS d1, timestamp - INTERVAL '1 minute' AS d2, CAST(day AS DATE) AS c1, CAST(value AS TIMESTAMP) AS c2,
  TIMESTAMP '2024-01-01 00:00:00' AS l1, DATE '2024-01-01' AS l2, TIME '10:00:00' AS l3,
  EXTRACT(DAY FROM timestamp) AS e1, date_trunc('day', timestamp) AS t1, INTERVAL '2' HOUR AS i1
FROM t;
