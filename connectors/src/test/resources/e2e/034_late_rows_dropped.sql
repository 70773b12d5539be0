-- Rows older than the watermark (after the first 1024-row batch) are dropped by the window.
-- chunks: 1024, 1030
CREATE TABLE readings (id BIGINT, k TEXT, v BIGINT, ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH (connector = 'single_file', path = '$input_dir/late.json', format = 'json', type = 'source');
CREATE TABLE results WITH (connector = 'single_file', path = '$output_path', format = 'json', type = 'sink');

INSERT INTO results
SELECT window_start, count(*) AS n, sum(v) AS total
FROM TABLE(TUMBLE(TABLE readings, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
