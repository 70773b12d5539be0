CREATE TABLE customers (name TEXT, city TEXT, tier TEXT)
WITH (connector = 'single_file', path = '$input_dir/customers.json', format = 'json', type = 'source');
