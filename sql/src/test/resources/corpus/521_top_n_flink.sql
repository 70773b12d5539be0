-- expect: plans
-- nodes: source watermark projection window_aggregate projection top_n projection sink
-- explain: top_n 3 by channel per window order by volume DESC
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/bids.json', format = 'json', type = 'source');
SELECT window_start, window_end, channel, auction, volume FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end, channel ORDER BY volume DESC) AS rn
  FROM (SELECT window_start, window_end, channel, auction, sum(price) AS volume
        FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
        GROUP BY window_start, window_end, channel, auction)
) WHERE rn < 4;
