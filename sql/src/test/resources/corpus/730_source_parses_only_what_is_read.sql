-- expect: plans
-- Projection pushdown: the source is told which columns and struct fields nothing reads, so a
-- json source skips them; the watermark's column is read.
-- explain: unread: person, bid.auction, bid.url
CREATE TABLE events (
  event_type INT,
  ts TIMESTAMP,
  person ROW(id BIGINT, name TEXT),
  bid ROW(auction BIGINT, price BIGINT, url TEXT),
  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT events.bid.price FROM events WHERE event_type = 2;
