-- expect: error 4:15 is a sink and cannot be read from
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE sink_out WITH (connector = 'stdout');
SELECT * FROM sink_out;
