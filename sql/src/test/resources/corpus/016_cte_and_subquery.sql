-- expect: plans
-- nodes: source projection sink
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
WITH doubled AS (SELECT counter * 2 AS d FROM impulse)
SELECT d FROM (SELECT d FROM doubled WHERE d > 4) AS big;
