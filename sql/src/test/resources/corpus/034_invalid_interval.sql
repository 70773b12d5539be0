-- expect: error 4:13 Invalid interval '5 fortnights': unknown unit 'fortnights'
CREATE TABLE events (ts TIMESTAMP, WATERMARK FOR ts AS ts)
WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT ts + INTERVAL '5 fortnights' FROM events;
