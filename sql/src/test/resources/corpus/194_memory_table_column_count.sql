-- expect: error 4:15 The query written into memory table 'm' returns 1 columns, but the table declares 2 (n, label)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE m (n BIGINT, label TEXT);
INSERT INTO m SELECT counter FROM impulse;
SELECT n FROM m;
