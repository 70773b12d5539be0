-- expect: plans
-- nodes: source projection sink
-- explain: where (counter % 2) = 0
-- explain: table preview via preview
CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100', message_count = '50');
SELECT counter, counter * 2 AS doubled FROM impulse_source WHERE counter % 2 = 0;
