-- expect: error 5:15 Memory table 'm' (a table without WITH) is read before an INSERT writes it
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE m (n BIGINT);

SELECT n FROM m;
INSERT INTO m SELECT counter FROM impulse;
