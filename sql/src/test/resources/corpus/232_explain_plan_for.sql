-- expect: plans
-- explain: where counter > 5
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
EXPLAIN PLAN FOR SELECT counter FROM impulse WHERE counter > 5;
