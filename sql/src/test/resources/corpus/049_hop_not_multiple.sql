-- expect: error 3:34 The width of a hop window (1 minute) must be a multiple of its slide (7 seconds)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT hop(interval '7 seconds', interval '1 minute') AS window, count(*)
FROM impulse GROUP BY window;
