-- expect: plans
-- nodes: source projection sink
CREATE TABLE users (id INT PRIMARY KEY, name TEXT, score DOUBLE, updated TIMESTAMP) WITH (connector = 'single_file', path = '/data/users.json', format = 'debezium_json', type = 'source');
CREATE TABLE copy (id BIGINT, name TEXT, score DOUBLE) WITH (connector = 'single_file', path = '/data/out.json', format = 'debezium_json', type = 'sink');
INSERT INTO copy SELECT id, name, score FROM users WHERE score > 0;
