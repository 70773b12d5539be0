-- expect: plans
-- A window function over a view carries only the columns the query reads: the view's projection
-- computes those alone, and the source skips the rest.
-- explain: unread: person, bid.bidder, bid.price, bid.url
-- explain: projection bid.auction AS auction, ts WHERE event_type = 2
CREATE TABLE events (
  event_type INT,
  ts TIMESTAMP,
  person ROW(id BIGINT, name TEXT),
  bid ROW(auction BIGINT, bidder BIGINT, price BIGINT, url TEXT),
  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
CREATE VIEW bid AS
SELECT events.bid.auction AS auction, events.bid.bidder AS bidder, events.bid.price AS price,
       events.bid.url AS url, ts
FROM events WHERE event_type = 2;
SELECT auction, count(*) AS n, window_start, window_end
FROM TABLE(HOP(TABLE bid, DESCRIPTOR(ts), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
GROUP BY auction, window_start, window_end;
