-- expect: plans
-- nodes: source projection sink
-- explain: CASE WHEN
-- explain: LIKE
CREATE TABLE input (id BIGINT, name TEXT, price DOUBLE, qty INT, code VARCHAR)
WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT
  id + 1 AS a, id - 1 AS b, id * 2 AS c, id / 2 AS d, id % 3 AS e, -id AS f,
  name || '!' AS g, lower(name) AS h, char_length(name) AS i, substring(name FROM 2 FOR 3) AS j,
  trim(both ' ' from name) AS k, abs(price) AS l, round(price, 2) AS m, floor(price) AS n, ceil(price) AS o,
  coalesce(name, 'none') AS p, CASE WHEN qty > 10 THEN 'many' ELSE 'few' END AS q,
  name IS NULL AS r, name IS NOT NULL AS s, NOT (qty = 1) AS t, CAST(qty AS DOUBLE) AS u,
  concat(name, code) AS v, 1.5 AS w, TRUE AS x, DATE '2024-01-02' AS y, TIMESTAMP '2024-01-02 03:04:05.123' AS z
FROM input
WHERE (name LIKE 'a%' OR qty <> 3) AND price >= 1.0 AND qty IN (1, 2, 3) AND id BETWEEN 1 AND 100;
