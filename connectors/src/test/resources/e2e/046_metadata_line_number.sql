-- A METADATA FROM 'line' column: the line each row was read from, kept across the checkpoint.
CREATE TABLE events (id BIGINT, kind TEXT, line_no BIGINT METADATA FROM 'line')
WITH (connector = 'single_file', path = '$input_dir/events.json', format = 'json', type = 'source');
-- tables: results

INSERT INTO results
SELECT line_no, id, kind FROM events WHERE line_no % 5 = 0;
