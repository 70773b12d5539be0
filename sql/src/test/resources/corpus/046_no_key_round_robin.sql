-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: 3 -> 4 SHUFFLE (_timestamp TIMESTAMP(9) NOT NULL)
-- explain: keys ()
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT tumble(interval '1 second') AS window, count(*) AS n FROM impulse GROUP BY window;
