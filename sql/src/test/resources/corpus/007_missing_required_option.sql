-- expect: error 2:1 needs the option 'path'
CREATE TABLE input (id BIGINT) WITH (connector = 'single_file', format = 'json', type = 'source');
SELECT id FROM input;
