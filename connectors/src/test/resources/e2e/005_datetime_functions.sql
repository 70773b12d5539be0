-- date_trunc, extract and date_part.
-- tables: events, results

INSERT INTO results
SELECT id,
  date_trunc('minute', ts) AS by_minute,
  date_trunc('hour', ts) AS by_hour,
  extract(second FROM ts) AS sec,
  extract(minute FROM ts) AS mins,
  date_part('hour', ts) AS hr,
  extract(dow FROM ts) AS dow
FROM events
WHERE id % 6 = 0;
