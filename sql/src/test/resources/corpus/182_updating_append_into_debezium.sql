-- expect: plans
-- nodes: source watermark projection projection sink
-- explain: _is_retract = FALSE
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE changes WITH (connector = 'stdout', format = 'debezium_json');
INSERT INTO changes SELECT k, v FROM events;
