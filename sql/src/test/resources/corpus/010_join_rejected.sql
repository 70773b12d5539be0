-- expect: error 4:22 A LEFT join without a window would need retractions
CREATE TABLE a WITH (connector = 'impulse', event_rate = '1');
CREATE TABLE b WITH (connector = 'impulse', event_rate = '1');
SELECT * FROM a LEFT JOIN b ON a.counter = b.counter;
