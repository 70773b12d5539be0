CREATE TABLE orders (order_id BIGINT, customer TEXT, total BIGINT, ts TIMESTAMP)
WITH (connector = 'single_file', path = '$input_dir/orders.json', format = 'json', type = 'source');
