-- expect: plans
-- nodes: source projection sink
-- explain: metadata: line_no from 'line'
-- explain: metadata: file from 'path'
CREATE TABLE input (
  k TEXT,
  line_no BIGINT METADATA FROM 'line',
  file TEXT METADATA FROM 'path'
) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT k, line_no, file FROM input WHERE line_no > 1;
