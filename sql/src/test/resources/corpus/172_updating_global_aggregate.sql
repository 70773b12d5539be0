-- expect: plans
-- nodes: source watermark projection updating_aggregate sink
-- explain: updating_aggregate: count(*) AS n ttl 1 day [parallelism 1]
-- explain: 4 -> 5 FORWARD updating (n BIGINT NOT NULL, _is_retract BOOLEAN NOT NULL, _timestamp TIMESTAMP(9) NOT NULL)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT count(*) AS n FROM impulse;
