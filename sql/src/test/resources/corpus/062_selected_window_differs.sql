-- expect: error 3:8 This window is not the one the query groups by
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT tumble(interval '1 minute') AS window, count(*) FROM impulse GROUP BY tumble(interval '2 minutes');
