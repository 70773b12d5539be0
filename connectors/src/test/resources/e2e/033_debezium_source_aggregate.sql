-- A debezium_json source aggregated per city.
CREATE TABLE users (id INT PRIMARY KEY, city TEXT, score BIGINT, updated TIMESTAMP)
WITH (connector = 'single_file', path = '$input_dir/users_cdc.json', format = 'debezium_json', type = 'source');
CREATE TABLE results WITH (connector = 'single_file', path = '$output_path', format = 'debezium_json', type = 'sink');

INSERT INTO results
SELECT city, count(*) AS users, sum(score) AS total, max(score) AS best
FROM users
GROUP BY city;
