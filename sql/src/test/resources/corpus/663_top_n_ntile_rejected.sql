-- expect: error 4:13 Window functions other than ROW_NUMBER, RANK and DENSE_RANK for top-N per window are not supported (NTILE)
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/bids.json', format = 'json', type = 'source');
SELECT * FROM (
  SELECT *, NTILE(4) OVER (PARTITION BY window ORDER BY bids DESC) AS q
  FROM (SELECT tumble(interval '10 seconds') AS window, auction, count(*) AS bids FROM bids GROUP BY window, auction)
) WHERE q <= 1;
