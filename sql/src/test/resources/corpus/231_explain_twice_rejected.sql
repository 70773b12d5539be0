-- expect: error 4:1 A query can hold one EXPLAIN (the first is at line 3, column 1)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
EXPLAIN SELECT counter FROM impulse;
EXPLAIN SELECT subtask_index FROM impulse;
