-- expect: error 4:14 Option 'bad_data' of table 'input' must be 'drop' or 'fail', not 'ignore'
CREATE TABLE input (k TEXT) WITH (
  connector = 'single_file', path = '/in.json', format = 'json', type = 'source',
  bad_data = 'ignore');
SELECT k FROM input;
