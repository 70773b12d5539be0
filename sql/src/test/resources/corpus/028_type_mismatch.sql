-- expect: error 3:28 Cannot apply '>' to arguments of type
CREATE TABLE input (id BIGINT, name TEXT) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT id FROM input WHERE id > TRUE;
