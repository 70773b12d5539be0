-- expect: plans
-- impulse's `timestamp` column, selected and windowed by name.
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT counter, timestamp AS ts, date_trunc('minute', timestamp) AS minute FROM impulse WHERE timestamp > TIMESTAMP '2024-01-01 00:00:00';
