-- JSON functions and the ->> / -> operators.
-- tables: events, results

INSERT INTO results
SELECT id,
  meta ->> 'device' AS device,
  meta -> 'geo' ->> 'country' AS country,
  json_get_str(meta, 'device') AS device2,
  json_get_int(meta, 'score') AS score,
  extract_json_string(meta, '$.geo.country') AS country2,
  json_contains(meta, 'geo') AS has_geo
FROM events
WHERE meta ->> 'device' = 'ios';
