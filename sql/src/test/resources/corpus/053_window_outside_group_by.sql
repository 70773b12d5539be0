-- expect: error 3:17 tumble(...) defines the window of an aggregation and can only be used in GROUP BY
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT counter, tumble(interval '1 minute') AS window FROM impulse;
