-- expect: plans
-- nodes: source watermark projection sink
-- explain: price = bid.price
CREATE TABLE events (
  event_type INT,
  ts TIMESTAMP,
  bid ROW(auction BIGINT, price BIGINT NOT NULL, channel TEXT),
  WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
) WITH (connector = 'single_file', path = '/data/nexmark.json', format = 'json', type = 'source');
CREATE TABLE sink_out WITH (connector = 'blackhole');
INSERT INTO sink_out SELECT events.bid.auction AS auction, events.bid.price AS price FROM events WHERE event_type = 2;
