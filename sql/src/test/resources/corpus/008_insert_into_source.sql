-- expect: error 4:13 is a source and cannot be written to
CREATE TABLE a WITH (connector = 'impulse', event_rate = '1');
CREATE TABLE b WITH (connector = 'impulse', event_rate = '1');
INSERT INTO b SELECT * FROM a;
