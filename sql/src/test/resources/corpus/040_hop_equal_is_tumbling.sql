-- expect: plans
-- explain: window tumbling 1 minute
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT hop(interval '1 minute', interval '1 minute') AS window, count(*) AS n
FROM impulse
GROUP BY window;
