-- expect: plans
-- explain: y = s.y
CREATE TABLE input (s STRUCT<x INT, y TEXT>, ts TIMESTAMP) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT input.s.x + 1 AS x, input.s.y AS y FROM input;
