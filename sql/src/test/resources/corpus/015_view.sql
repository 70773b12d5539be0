-- expect: plans
-- nodes: source projection sink
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE VIEW evens AS SELECT counter, subtask_index FROM impulse WHERE counter % 2 = 0;
SELECT counter * 10 AS tens FROM evens WHERE subtask_index = 0;
