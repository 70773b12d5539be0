-- expect: error 3:8 No match found for function signature frobnicate
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT frobnicate(counter) FROM impulse;
