-- expect: error 3:23 A windowed aggregate cannot read an updating stream
CREATE TABLE changes (k TEXT PRIMARY KEY, v BIGINT) WITH (connector = 'single_file', path = '/data/in.json', format = 'debezium_json', type = 'source');
SELECT count(*) AS n, tumble(interval '1 minute') AS w FROM changes GROUP BY w;
