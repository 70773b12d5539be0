CREATE TABLE person (id BIGINT, name TEXT, email TEXT, state TEXT, city TEXT, date_time TIMESTAMP NOT NULL,
  WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND)
WITH (connector = 'single_file', path = '$input_dir/persons.json', format = 'json', type = 'source');
