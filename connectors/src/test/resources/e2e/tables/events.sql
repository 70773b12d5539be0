CREATE TABLE events (
  id BIGINT, user_name TEXT, kind TEXT, amount DOUBLE, qty INT, page TEXT, meta JSON,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '$input_dir/events.json', format = 'json', type = 'source');
