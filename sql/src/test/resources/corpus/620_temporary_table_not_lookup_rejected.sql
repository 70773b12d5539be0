-- expect: error 2:24 CREATE TEMPORARY TABLE makes a lookup table, but connector 'single_file' cannot be looked up; lookup connectors: redis
CREATE TEMPORARY TABLE orders (id BIGINT) WITH (connector = 'single_file', path = '/data/orders.json', format = 'json', type = 'source');
