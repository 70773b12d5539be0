-- expect: error 3:71 Connector 'redis' can only be a lookup, but table 'cache' says type = 'sink'
CREATE TABLE cache (k TEXT, v TEXT)
WITH (connector = 'redis', address = 'redis://127.0.0.1:6379', type = 'sink');
