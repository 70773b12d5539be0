-- expect: error 2:47 WATERMARK FOR needs a TIMESTAMP column, but 'id' is BIGINT
CREATE TABLE events (id BIGINT, WATERMARK FOR id)
WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT id FROM events;
