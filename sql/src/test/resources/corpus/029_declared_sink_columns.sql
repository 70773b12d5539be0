-- expect: plans
-- nodes: source projection sink
-- explain: emits (total DOUBLE, label TEXT, _timestamp TIMESTAMP(9) NOT NULL)
CREATE TABLE input (id BIGINT, name TEXT, price INT) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
CREATE TABLE output (total DOUBLE, label TEXT) WITH (connector = 'single_file', path = '/out.json', format = 'json', type = 'sink');
INSERT INTO output SELECT price, name FROM input;
