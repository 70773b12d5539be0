-- expect: error 3:1 ROW_NUMBER() needs a bound
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/bids.json', format = 'json', type = 'source');
SELECT *, ROW_NUMBER() OVER (PARTITION BY window ORDER BY bids DESC) AS row_num
FROM (SELECT tumble(interval '10 seconds') AS window, auction, count(*) AS bids FROM bids GROUP BY window, auction);
