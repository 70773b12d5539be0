-- Two INSERTs into one sink.
-- tables: events

CREATE TABLE results (id BIGINT, tag TEXT)
WITH (connector = 'single_file', path = '$output_path', format = 'json', type = 'sink');
INSERT INTO results SELECT id, 'alice' FROM events WHERE user_name = 'alice';
INSERT INTO results SELECT id, 'big' FROM events WHERE amount > 15;
