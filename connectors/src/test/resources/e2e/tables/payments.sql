CREATE TABLE payments (order_id BIGINT, paid BIGINT, ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH (connector = 'single_file', path = '$input_dir/payments.json', format = 'json', type = 'source');
