-- expect: error 4:13 distinct_out is an append-only sink (format 'json') but the query produces updates (GROUP BY or DISTINCT without a window)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE distinct_out WITH (connector = 'single_file', path = '/data/out.json', format = 'json', type = 'sink');
INSERT INTO distinct_out SELECT DISTINCT subtask_index FROM impulse;
