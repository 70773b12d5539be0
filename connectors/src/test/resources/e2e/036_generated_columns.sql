-- Generated columns computed after the source, used in a window.
CREATE TABLE events (
  id BIGINT, user_name TEXT, amount DOUBLE, qty INT, meta JSON,
  country TEXT GENERATED ALWAYS AS (meta -> 'geo' ->> 'country'),
  cents BIGINT GENERATED ALWAYS AS (CAST(amount * 100 AS BIGINT)),
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '$input_dir/events.json', format = 'json', type = 'source');
CREATE TABLE results WITH (connector = 'single_file', path = '$output_path', format = 'json', type = 'sink');

INSERT INTO results
SELECT country, tumble(interval '2 minutes') AS window, sum(cents) AS cents
FROM events
GROUP BY country, window;
