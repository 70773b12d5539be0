-- expect: error 3:14 Syntax error: unexpected 'order' ('ORDER' is a reserved word; write "order" to use it as a name)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE order WITH (connector = 'stdout');
