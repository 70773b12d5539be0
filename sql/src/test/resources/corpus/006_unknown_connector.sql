-- expect: error 2:51 Unknown connector 'kafkaa' for table 'events'
CREATE TABLE events (id BIGINT) WITH (connector = 'kafkaa', topic = 'x');
SELECT id FROM events;
