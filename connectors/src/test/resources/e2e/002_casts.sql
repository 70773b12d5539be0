-- CASTs between numbers, text and timestamps.
-- tables: events, results

INSERT INTO results
SELECT id,
  CAST(qty AS DOUBLE) / 2 AS half,
  CAST(amount AS BIGINT) AS whole,
  CAST(id AS TEXT) || '#' AS label,
  CAST(CAST(id * 10 AS TEXT) AS INT) AS parsed,
  CAST(ts AS DATE) AS as_date
FROM events
WHERE id <= 6;
