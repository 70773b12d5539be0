-- expect: error 2:1 The query has nothing to run
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
