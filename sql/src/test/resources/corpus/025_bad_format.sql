-- expect: error 3:79 Option 'format' of table 'input' must be 'debezium_json' or 'json', not 'csv'
CREATE TABLE input (id BIGINT)
WITH (connector = 'single_file', path = '/in.json', type = 'source', format = 'csv');
SELECT * FROM input;
