-- expect: plans
-- nodes: source watermark projection sink
-- explain: event time: ts
-- explain: watermark ts - INTERVAL '5 seconds'
CREATE TABLE events (
  id BIGINT NOT NULL,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE sink_out WITH (connector = 'stdout');
INSERT INTO sink_out SELECT id FROM events WHERE id > 3;
