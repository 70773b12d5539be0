-- Nexmark q3 over one table of JSON lines with a struct per event type, read through views as the
-- Nexmark benchmark does. The query reads some fields of person and auction and none of bid, so the
-- source skips the rest (projection pushdown): their values may be of any type, as in the lines
-- below whose extra, description, price and ts_ms hold arrays, objects, fractions or text.
-- tables: results

CREATE TABLE events (
  event_type INT,
  ts_ms BIGINT,
  ts TIMESTAMP,
  person ROW(id BIGINT, name TEXT, city TEXT, state TEXT, extra TEXT),
  auction ROW(id BIGINT, seller BIGINT, category BIGINT, description TEXT),
  bid ROW(auction BIGINT, price BIGINT, url TEXT, extra TEXT),
  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
) WITH (connector = 'single_file', path = '$input_dir/nexmark_lines.json', format = 'json', type = 'source');

CREATE VIEW person AS
SELECT events.person.id AS id, events.person.name AS name, events.person.city AS city,
       events.person.state AS state, events.person.extra AS extra, ts AS date_time
FROM events WHERE event_type = 0;

CREATE VIEW auction AS
SELECT events.auction.id AS id, events.auction.seller AS seller, events.auction.category AS category,
       events.auction.description AS description, ts AS date_time
FROM events WHERE event_type = 1;

INSERT INTO results
SELECT p.name, p.city, p.state, a.id
FROM auction AS a JOIN person AS p ON a.seller = p.id
WHERE a.category = 10 AND p.state IN ('OR', 'ID', 'CA');
