-- expect: error 4:13 counts is an append-only sink (format 'json') but the query produces updates (GROUP BY without a window); use format = 'debezium_json' or aggregate over a window
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE counts WITH (connector = 'stdout', format = 'json');
INSERT INTO counts SELECT subtask_index, count(*) AS n FROM impulse GROUP BY subtask_index;
