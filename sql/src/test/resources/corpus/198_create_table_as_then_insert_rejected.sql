-- expect: error 4:13 Memory table 'evens' is already written (at line 3, column 1)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE evens AS SELECT counter AS n FROM impulse WHERE counter % 2 = 0;
INSERT INTO evens SELECT counter FROM impulse;
SELECT n FROM evens;
