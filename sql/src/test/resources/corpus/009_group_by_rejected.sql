-- expect: error 4:1 GROUP BY is not supported by this version of Tributary's planner
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT subtask_index, count(*) FROM impulse
GROUP BY subtask_index;
-- error: 3:23 The aggregate function COUNT is not supported
