-- expect: plans
-- nodes: source watermark projection window_aggregate projection top_n projection sink
-- explain: top_n 1 (rank) per window order by bids DESC
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/bids.json', format = 'json', type = 'source');
SELECT * FROM (
  SELECT *, RANK() OVER (PARTITION BY window ORDER BY bids DESC) AS r
  FROM (SELECT tumble(interval '10 seconds') AS window, auction, count(*) AS bids FROM bids GROUP BY window, auction)
) WHERE r <= 1;
