-- expect: plans
-- nodes: source watermark projection updating_aggregate projection sink
-- explain: where n > 1
-- explain: _is_retract = _is_retract
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE busy WITH (connector = 'stdout', format = 'debezium_json');
INSERT INTO busy SELECT k, count(*) AS n FROM events GROUP BY k HAVING count(*) > 1;
