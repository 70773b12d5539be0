-- ->> gives any JSON value as text (numbers too) and NULL for a missing key, as Arroyo's json_as_text.
-- tables: events, results

INSERT INTO results
SELECT id, meta ->> 'score' AS score_text, meta ->> 'geo' AS geo_text, meta ->> 'missing' AS missing
FROM events
WHERE id <= 3;
