-- expect: plans
-- Two statements read one source: it skips only what neither reads.
-- explain: unread: person.id, bid.auction, bid.price
CREATE TABLE events (
  event_type INT,
  ts TIMESTAMP,
  person ROW(id BIGINT, name TEXT),
  bid ROW(auction BIGINT, price BIGINT, url TEXT),
  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
CREATE TABLE names WITH (connector = 'blackhole');
CREATE TABLE urls WITH (connector = 'blackhole');
INSERT INTO names SELECT events.person.name AS name FROM events WHERE event_type = 0;
INSERT INTO urls SELECT events.bid.url AS url FROM events WHERE event_type = 2;
