CREATE TABLE results WITH (connector = 'single_file', path = '$output_path', format = 'debezium_json', type = 'sink');
