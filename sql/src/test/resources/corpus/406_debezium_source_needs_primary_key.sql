-- expect: error 2:107 Table 'changes' reads format 'debezium_json', whose changes are keyed by the table's primary key
CREATE TABLE changes (k TEXT, v BIGINT) WITH (connector = 'single_file', path = '/data/in.json', format = 'debezium_json', type = 'source');
SELECT k, v FROM changes;
