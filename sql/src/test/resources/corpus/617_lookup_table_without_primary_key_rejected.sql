-- expect: error 2:24 Lookup table 'customers' needs a PRIMARY KEY of one TEXT column
CREATE TEMPORARY TABLE customers (id TEXT, name TEXT)
WITH (connector = 'redis', format = 'json', address = 'redis://127.0.0.1:6379');
