-- expect: plans
-- nodes: source projection sink projection
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE sink_out WITH (connector = 'blackhole');
INSERT INTO sink_out SELECT counter AS n FROM impulse WHERE counter < 10;
INSERT INTO sink_out SELECT counter AS n FROM impulse WHERE counter > 100;
