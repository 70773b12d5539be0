-- expect: plans
-- nodes: source projection sink watermark projection window_aggregate projection sink
-- explain: watermark _timestamp - INTERVAL '1 seconds' every 200000us
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE raw WITH (connector = 'stdout');
CREATE TABLE per_second WITH (connector = 'stdout');
INSERT INTO raw SELECT counter FROM impulse;
INSERT INTO per_second SELECT tumble(interval '1 second') AS window, count(*) AS n FROM impulse GROUP BY window;
