-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: window tumbling 10 seconds
-- explain: keys (subtask_index)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT subtask_index, tumble(interval '10 seconds') AS window, count(*) AS n, avg(counter) AS mean
FROM impulse
GROUP BY 1, 2;
