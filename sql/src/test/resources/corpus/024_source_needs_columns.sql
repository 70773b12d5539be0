-- expect: error 2:14 has no fixed schema: declare its columns
CREATE TABLE input WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT * FROM input;
