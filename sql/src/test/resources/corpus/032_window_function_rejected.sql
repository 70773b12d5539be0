-- expect: error 3:17 A window function (OVER) is not supported
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT counter, row_number() OVER (PARTITION BY subtask_index ORDER BY counter) FROM impulse;
