CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, date_time TIMESTAMP NOT NULL,
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH (connector = 'single_file', path = '$input_dir/bids.json', format = 'json', type = 'source');
