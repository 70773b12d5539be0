CREATE TABLE auction (id BIGINT, item_name TEXT, seller BIGINT, category BIGINT, date_time TIMESTAMP NOT NULL,
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH (connector = 'single_file', path = '$input_dir/auctions.json', format = 'json', type = 'source');
