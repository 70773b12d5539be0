-- expect: error 4:11 Metadata 'line' of connector 'single_file' is BIGINT: declare column 'line_no' as BIGINT
CREATE TABLE input (
  k TEXT,
  line_no TEXT METADATA FROM 'line'
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT k, line_no FROM input;
