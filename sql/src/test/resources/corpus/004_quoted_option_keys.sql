-- expect: plans
-- nodes: source projection sink
-- explain: {event_rate='5', message_count='10'}
CREATE TABLE t WITH ('connector' = 'impulse', 'event_rate' = '5', 'message_count' = 10);
SELECT counter, subtask_index FROM t;
