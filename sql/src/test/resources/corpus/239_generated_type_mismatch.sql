-- expect: error 2:62 Generated column 'flag' is BOOLEAN, but its expression is DATE
CREATE TABLE input (a INT, flag BOOLEAN GENERATED ALWAYS AS (DATE '2020-01-01'))
WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT flag FROM input;
