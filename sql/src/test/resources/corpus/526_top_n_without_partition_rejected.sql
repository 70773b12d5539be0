-- expect: error 4:31 ROW_NUMBER(), RANK() and DENSE_RANK() are supported for top-N per window
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/bids.json', format = 'json', type = 'source');
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (ORDER BY price DESC) AS row_num FROM bids
) WHERE row_num <= 3;
