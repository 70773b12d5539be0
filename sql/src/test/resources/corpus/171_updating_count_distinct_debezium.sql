-- expect: plans
-- nodes: source watermark projection updating_aggregate sink
-- explain: count(DISTINCT v) AS visitors
-- explain: table visitors via single_file {format='debezium_json', path='/data/visitors.json', type='sink'}
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE visitors WITH (connector = 'single_file', path = '/data/visitors.json', format = 'debezium_json', type = 'sink');
INSERT INTO visitors SELECT k, count(DISTINCT v) AS visitors FROM events GROUP BY k;
