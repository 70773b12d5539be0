-- expect: plans
-- nodes: source watermark projection projection join projection sink
-- explain: projection id, seller WHERE (event_type = 1) AND (category = 10)
-- explain: projection id, name, state WHERE (event_type = 0) AND ((state = 'CA') OR (state = 'OR'))
-- explain: join INNER on seller = id ttl
-- explain: 1 -> 2 FORWARD
-- explain: 2 -> 3 FORWARD
-- explain: 2 -> 4 FORWARD
CREATE TABLE events (
  event_type INT,
  id BIGINT,
  name TEXT,
  state TEXT,
  seller BIGINT,
  category BIGINT,
  extra TEXT,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE VIEW person AS SELECT id, name, state, extra, ts FROM events WHERE event_type = 0;
CREATE VIEW auction AS SELECT id, seller, category, extra, ts FROM events WHERE event_type = 1;
CREATE TABLE out WITH (connector = 'stdout');
INSERT INTO out
SELECT p.name, p.state, a.id
FROM auction a JOIN person p ON a.seller = p.id
WHERE a.category = 10 AND p.state IN ('OR', 'CA');
