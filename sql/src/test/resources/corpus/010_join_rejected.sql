-- expect: error 4:17 JOIN is not supported by this version of Tributary's planner
CREATE TABLE a WITH (connector = 'impulse', event_rate = '1');
CREATE TABLE b WITH (connector = 'impulse', event_rate = '1');
SELECT * FROM a JOIN b ON a.counter = b.counter;
