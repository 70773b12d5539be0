-- expect: plans
-- nodes: source projection sink projection sink
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE evens AS SELECT counter AS n FROM impulse WHERE counter % 2 = 0;
SELECT n FROM evens;
SELECT n * 10 AS tens FROM evens;
