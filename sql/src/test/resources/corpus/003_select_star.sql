-- expect: plans
-- nodes: source sink
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT * FROM impulse;
