-- expect: error 3:31 Memory table 'm' has no connector, so it cannot declare a WATERMARK
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE m (ts TIMESTAMP, WATERMARK FOR ts);
INSERT INTO m SELECT "timestamp" FROM impulse;
SELECT ts FROM m;
