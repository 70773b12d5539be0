-- expect: plans
-- nodes: source watermark projection updating_aggregate projection sink
-- explain: updating_aggregate
CREATE TABLE users (id INT, city TEXT, score BIGINT, PRIMARY KEY (id)) WITH (connector = 'single_file', path = '/data/users.json', format = 'debezium_json', type = 'source');
CREATE TABLE per_city (city TEXT, users BIGINT, total BIGINT) WITH (connector = 'single_file', path = '/data/out.json', format = 'debezium_json', type = 'sink');
INSERT INTO per_city SELECT city, count(*), sum(score) FROM users GROUP BY city;
