-- expect: error 2:107 format 'debezium_json' is for sinks that receive updates
CREATE TABLE changes (k TEXT, v BIGINT) WITH (connector = 'single_file', path = '/data/in.json', format = 'debezium_json', type = 'source');
SELECT k, v FROM changes;
