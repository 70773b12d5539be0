-- Arroyo's tumble() in GROUP BY, window struct selected.
-- tables: events, results

INSERT INTO results
SELECT tumble(interval '1 minute') AS window, kind, count(*) AS n, sum(qty) AS items
FROM events
GROUP BY window, kind;
