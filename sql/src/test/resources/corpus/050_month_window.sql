-- expect: error 3:15 months and years have no fixed length
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT tumble(interval '1' month) AS window, count(*)
FROM impulse GROUP BY window;
