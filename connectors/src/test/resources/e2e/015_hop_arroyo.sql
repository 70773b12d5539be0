-- Arroyo's hop(): 1-minute windows every 30 seconds.
-- tables: events, results

INSERT INTO results
SELECT hop(interval '30 seconds', interval '1 minute') AS window, count(*) AS n, max(amount) AS top
FROM events
GROUP BY window;
