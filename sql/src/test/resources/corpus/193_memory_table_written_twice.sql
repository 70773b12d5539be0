-- expect: error 5:13 Memory table 'm' is already written (at line 4, column 1)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE m (n BIGINT);
INSERT INTO m SELECT counter FROM impulse;
INSERT INTO m SELECT counter + 1 FROM impulse;
SELECT n FROM m;
