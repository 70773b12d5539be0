-- expect: plans
-- nodes: source watermark projection updating_aggregate sink
-- explain: where v > 0
-- explain: avg(v) AS mean
-- explain: table means via stdout {format='debezium_json'}
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE means WITH (connector = 'stdout', format = 'debezium_json');
INSERT INTO means SELECT k, avg(v) AS mean FROM events WHERE v > 0 GROUP BY k;
