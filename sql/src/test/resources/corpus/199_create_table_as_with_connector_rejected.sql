-- expect: error 3:25 CREATE TABLE copy WITH (...) AS is not supported
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE copy WITH (connector = 'stdout') AS SELECT counter FROM impulse;
