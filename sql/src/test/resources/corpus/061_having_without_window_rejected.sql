-- expect: error 4:1 GROUP BY is not supported by this version of Tributary's planner
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT subtask_index FROM impulse
GROUP BY subtask_index HAVING subtask_index > 1;
-- error: 4:31 HAVING is not supported by this version of Tributary's planner
