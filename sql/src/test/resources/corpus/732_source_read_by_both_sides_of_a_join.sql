-- expect: plans
-- Both sides of a join read one source through views (as the Nexmark queries do): it skips what
-- neither side reads.
-- explain: unread: person.name, bid.url
CREATE TABLE events (
  event_type INT,
  ts TIMESTAMP,
  person ROW(id BIGINT, name TEXT),
  bid ROW(auction BIGINT, price BIGINT, url TEXT),
  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
CREATE VIEW person AS SELECT events.person.id AS id, ts FROM events WHERE event_type = 0;
CREATE VIEW bid AS SELECT events.bid.auction AS auction, events.bid.price AS price, ts FROM events WHERE event_type = 2;
SELECT p.id, b.price FROM person p JOIN bid b ON p.id = b.auction;
