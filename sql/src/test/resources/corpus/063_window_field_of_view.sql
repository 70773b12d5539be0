-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: node 5: projection window_end, n [parallelism 1]
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE VIEW per_second AS
SELECT tumble(interval '1 second') AS window, count(*) AS n FROM impulse GROUP BY window;
SELECT per_second.window."end" AS window_end, n FROM per_second;
