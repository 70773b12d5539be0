-- expect: error 4:13 copy is an append-only sink (format 'json') but the query produces updates (table 'changes' reads changes (format 'debezium_json'))
CREATE TABLE changes (k TEXT PRIMARY KEY, v BIGINT) WITH (connector = 'single_file', path = '/data/in.json', format = 'debezium_json', type = 'source');
CREATE TABLE copy (k TEXT, v BIGINT) WITH (connector = 'single_file', path = '/data/out.json', format = 'json', type = 'sink');
INSERT INTO copy SELECT k, v FROM changes;
