-- expect: error 3:1 Top-N per window reads a windowed aggregate
CREATE TABLE bids (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/bids.json', format = 'json', type = 'source');
SELECT * FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY channel ORDER BY price DESC) AS row_num FROM bids
) WHERE row_num <= 3;
