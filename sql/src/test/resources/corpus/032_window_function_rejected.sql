-- expect: error 3:1 ROW_NUMBER() needs a bound: top-N per window is
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT counter, row_number() OVER (PARTITION BY subtask_index ORDER BY counter) FROM impulse;
