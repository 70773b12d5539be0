-- expect: plans
-- nodes: source watermark projection updating_aggregate projection sink
-- explain: median(score)
CREATE TABLE users (id INT, city TEXT, score BIGINT, PRIMARY KEY (id)) WITH (connector = 'single_file', path = '/data/users.json', format = 'debezium_json', type = 'source');
CREATE TABLE per_city (city TEXT, sd DOUBLE, med BIGINT, p90 BIGINT, names TEXT, n BIGINT) WITH (connector = 'single_file', path = '/data/out.json', format = 'debezium_json', type = 'sink');
INSERT INTO per_city SELECT city, stddev(score), median(score), approx_percentile_cont(score, 0.9), string_agg(city, ';'), approx_distinct(id) FROM users GROUP BY city;
