-- expect: plans
-- nodes: source projection sink
-- explain: table output via single_file
-- explain: name = UPPER(name)
-- explain: double_price = price * 2
CREATE TABLE input (id BIGINT, name TEXT, price DOUBLE) WITH (connector = 'single_file', path = '/data/in.json', format = 'json', type = 'source');
CREATE TABLE output WITH (connector = 'single_file', path = '/data/out.json', format = 'json', type = 'sink');
INSERT INTO output SELECT id, upper(name) AS name, price * 2 AS double_price FROM input WHERE price > 10;
