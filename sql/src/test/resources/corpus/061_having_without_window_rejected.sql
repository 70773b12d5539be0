-- expect: error 4:13 busy is an append-only sink (connector 'blackhole') but the query produces updates (GROUP BY without a window); use a sink with format = 'debezium_json'
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE busy WITH (connector = 'blackhole');
INSERT INTO busy SELECT subtask_index, count(*) AS n FROM impulse GROUP BY subtask_index HAVING count(*) > 1;
