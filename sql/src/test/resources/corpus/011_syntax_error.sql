-- expect: error 3:21 Syntax error: unexpected 'FROM'
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT counter FROM FROM impulse;
