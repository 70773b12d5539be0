-- expect: error 3:14 Syntax error: unexpected 'out' ('OUT' is a reserved word; write "out" to use it as a name)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE out WITH (connector = 'stdout');
