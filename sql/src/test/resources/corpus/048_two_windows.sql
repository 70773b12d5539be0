-- expect: error 4:39 A GROUP BY can have at most one window (tumble, hop or session)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT count(*) FROM impulse
GROUP BY tumble(interval '1 minute'), hop(interval '10 seconds', interval '1 minute');
