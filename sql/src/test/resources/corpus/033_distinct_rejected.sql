-- expect: error 3:8 SELECT DISTINCT is not supported
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT DISTINCT subtask_index FROM impulse;
