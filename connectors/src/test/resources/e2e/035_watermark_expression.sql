-- A 20-second watermark delay keeps out-of-order rows.
CREATE TABLE sensors (seq BIGINT, sensor TEXT, reading BIGINT, ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '20' SECOND)
WITH (connector = 'single_file', path = '$input_dir/out_of_order.json', format = 'json', type = 'source');
CREATE TABLE results WITH (connector = 'single_file', path = '$output_path', format = 'json', type = 'sink');

INSERT INTO results
SELECT sensor, tumble(interval '1 minute') AS window, count(*) AS n, sum(reading) AS total
FROM sensors
GROUP BY sensor, window;
