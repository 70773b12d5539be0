-- expect: plans
-- nodes: source projection sink
-- explain: emits (n BIGINT NOT NULL, label TEXT NOT NULL, _timestamp TIMESTAMP(9) NOT NULL)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE sink_out WITH (connector = 'single_file', path = '/sink_out.json', format = 'json', type = 'sink');
INSERT INTO sink_out SELECT counter AS n, 'x' AS label FROM impulse;
