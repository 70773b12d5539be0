-- expect: error 2:89 Table 'changes' reads format 'debezium_json'; its column 'doubled' cannot be generated
CREATE TABLE changes (k TEXT PRIMARY KEY, v BIGINT, doubled BIGINT GENERATED ALWAYS AS (v * 2)) WITH (connector = 'single_file', path = '/data/in.json', format = 'debezium_json', type = 'source');
SELECT k, v FROM changes;
