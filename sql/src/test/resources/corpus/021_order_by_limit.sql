-- expect: error 3:29 ORDER BY is not supported by this version of Tributary's planner
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT counter FROM impulse ORDER BY counter LIMIT 10;
-- error: 3:52 LIMIT is not supported
