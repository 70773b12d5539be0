-- expect: plans
-- nodes: source projection sink
-- explain: CONCAT_WS
-- explain: REGEXP_REPLACE
-- explain: SPLIT_PART
CREATE TABLE input (name TEXT, code VARCHAR, n INT)
WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT
  concat_ws('-', name, code) AS a, split_part(name, ',', 2) AS b, starts_with(name, 'x') AS c,
  ends_with(name, 'y') AS d, strpos(name, 'a') AS e, position('a' IN name) AS f, initcap(name) AS g,
  repeat(name, 2) AS h, reverse(name) AS i, btrim(name, 'x') AS j, ltrim(name, 'x') AS k,
  rtrim(name) AS l, lpad(name, 5, '0') AS m, rpad(name, 5) AS n2, replace(name, 'a', 'b') AS o,
  translate(name, 'ab', 'cd') AS p, ascii(name) AS q, chr(n) AS r, char_length(name) AS s,
  length(name) AS t, octet_length(name) AS u, left(name, 2) AS v, right(name, 2) AS w,
  substr(name, 2, 3) AS x, md5(name) AS y, sha224(name) AS z1, sha256(name) AS z2,
  sha384(name) AS z3, sha512(name) AS z4, to_hex(n) AS z5,
  regexp_replace(name, '[0-9]+', '#', 'g') AS z6, regexp_like(name, '^a') AS z7,
  regexp_match(name, '(\w+)@') AS z8
FROM input;
