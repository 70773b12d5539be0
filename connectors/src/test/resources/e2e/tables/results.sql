CREATE TABLE results WITH (connector = 'single_file', path = '$output_path', format = 'json', type = 'sink');
