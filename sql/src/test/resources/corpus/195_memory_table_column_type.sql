-- expect: error 4:15 Column 'label' of memory table 'm' is VARCHAR, but the query gives it BIGINT (its column 'subtask_index')
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE m (n BIGINT, label TEXT);
INSERT INTO m SELECT counter, subtask_index FROM impulse;
SELECT n FROM m;
