-- expect: plans
-- nodes: source projection sink
-- explain: LOG2(x)
-- explain: TRUNC(x, 2)
CREATE TABLE input (x DOUBLE, i BIGINT)
WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT
  ln(x) AS a, log(x) AS b, log(2, x) AS c, log10(x) AS d, log2(x) AS e, exp(x) AS f, sqrt(x) AS g,
  cbrt(x) AS h, power(x, 2) AS i2, sign(x) AS j, signum(x) AS k, trunc(x) AS l, trunc(x, 2) AS m,
  round(x, 2) AS n, pi() AS o, sin(x) AS p, cos(x) AS q, tan(x) AS r, asin(x) AS s, acos(x) AS t,
  atan(x) AS u, atan2(x, 1) AS v, degrees(x) AS w, radians(x) AS y, greatest(x, 1) AS z1,
  least(i, 2) AS z2, nullif(i, 0) AS z3, coalesce(x, 0) AS z4, random() AS z5
FROM input;
