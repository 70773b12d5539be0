-- expect: plans
-- explain: top_n 3 (dense_rank) by channel per window order by n DESC
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/bids.json', format = 'json', type = 'source');
SELECT window_start, window_end, channel, auction, n, dr FROM (
  SELECT *, DENSE_RANK() OVER (PARTITION BY window_start, window_end, channel ORDER BY n DESC) AS dr
  FROM (SELECT window_start, window_end, channel, auction, count(*) AS n
        FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
        GROUP BY window_start, window_end, channel, auction)
) WHERE dr <= 3;
