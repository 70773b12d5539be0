-- expect: error 3:58 Connector 'stdout' can only be a sink, but table 'sink_out' says type = 'source'
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE sink_out WITH (connector = 'stdout', type = 'source');
INSERT INTO sink_out SELECT counter FROM impulse;
