-- A generated column as the event time: bids counted per channel in tumbling minutes of their
-- time shifted by 30 seconds, the watermark following the generated column.
-- tables: results

CREATE TABLE shifted (
  channel TEXT, date_time TIMESTAMP NOT NULL,
  moved TIMESTAMP GENERATED ALWAYS AS (date_time + INTERVAL '30' SECOND),
  WATERMARK FOR moved AS moved - INTERVAL '2' SECOND
) WITH (connector = 'single_file', path = '$input_dir/bids.json', format = 'json', type = 'source');

INSERT INTO results
SELECT window_start, window_end, channel, count(*) AS n
FROM TABLE(TUMBLE(TABLE shifted, DESCRIPTOR(moved), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, channel;
