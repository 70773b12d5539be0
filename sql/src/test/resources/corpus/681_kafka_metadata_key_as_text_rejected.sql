-- expect: error 3:14 Metadata 'key' of connector 'kafka' is VARBINARY: declare column 'record_key' as VARBINARY
CREATE TABLE orders (
  record_key TEXT METADATA FROM 'key',
  id BIGINT
) WITH (connector = 'kafka', bootstrap_servers = 'localhost:9092', topic = 'orders', format = 'json',
  type = 'source');
SELECT id, record_key FROM orders;
