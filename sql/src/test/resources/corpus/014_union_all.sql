-- expect: plans
-- nodes: source projection source projection projection sink
-- explain: union of 2 inputs
CREATE TABLE a WITH (connector = 'impulse', event_rate = '1');
CREATE TABLE b WITH (connector = 'impulse', event_rate = '1');
SELECT counter FROM a WHERE counter > 1
UNION ALL
SELECT counter + 1 FROM b;
