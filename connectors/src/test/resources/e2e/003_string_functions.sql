-- String functions.
-- tables: events, results

INSERT INTO results
SELECT id,
  upper(user_name) AS up,
  initcap(kind) AS cap,
  concat(user_name, '/', kind) AS both_,
  length(page) AS len,
  substr(page, 2, 4) AS part,
  split_part(page, '/', 2) AS section,
  replace(page, '/', '|') AS piped,
  starts_with(page, '/shop') AS shop,
  lpad(CAST(qty AS TEXT), 3, '0') AS padded,
  regexp_replace(page, '[0-9]+', 'N', 'g') AS masked,
  btrim('  ' || user_name || '  ') AS trimmed,
  reverse(user_name) AS backwards
FROM events
WHERE id % 4 = 1;
