-- expect: plans
-- explain: updating_ttl 3600000000us
SET updating_ttl = INTERVAL '1 hour';
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT counter FROM impulse;
