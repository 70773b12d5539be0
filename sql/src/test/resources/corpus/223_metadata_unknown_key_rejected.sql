-- expect: error 4:28 Connector 'single_file' provides no metadata 'offset' for column 'pos' of table 'input'; it offers 'path' (VARCHAR, the path option), 'line' (BIGINT
CREATE TABLE input (
  k TEXT,
  pos BIGINT METADATA FROM 'offset'
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT k FROM input;
