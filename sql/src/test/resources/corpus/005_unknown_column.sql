-- expect: error 4:8 Column 'foo' not found in any table
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT counter,
       foo
FROM impulse;
