-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: window sliding 1 minute every 10 seconds
-- explain: watermark _timestamp - INTERVAL '1 seconds'
-- explain: 3 -> 4 SHUFFLE keys (subtask_index)
-- explain: emits (window STRUCT<start TIMESTAMP(9) NOT NULL, end TIMESTAMP(9) NOT NULL> NOT NULL, subtask_index BIGINT NOT NULL, n BIGINT NOT NULL, _timestamp TIMESTAMP(9) NOT NULL)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT window, subtask_index, count(*) AS n
FROM impulse
GROUP BY hop(interval '10 seconds', interval '1 minute'), subtask_index;
