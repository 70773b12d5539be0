-- expect: error 3:8 Cannot apply 'DATE_TRUNC'
CREATE TABLE input (n BIGINT) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT date_trunc('hour', n) FROM input;
