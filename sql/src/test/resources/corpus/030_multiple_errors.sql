-- expect: error 3:8 Column 'nope' not found in any table
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT nope FROM impulse;
SELECT counter FROM missing_table;
-- error: 4:21 Object 'missing_table' not found
