-- expect: error 4:25 Connector 'kafka' provides no metadata 'headers' for column 'hs' of table 'orders'; it offers 'offset_id' (BIGINT
CREATE TABLE orders (
  id BIGINT,
  hs TEXT METADATA FROM 'headers'
) WITH (connector = 'kafka', bootstrap_servers = 'localhost:9092', topic = 'orders', format = 'json',
  type = 'source');
SELECT id FROM orders;
