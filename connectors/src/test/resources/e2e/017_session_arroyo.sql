-- Arroyo's session() per user, 40-second gap.
-- tables: events, results

INSERT INTO results
SELECT user_name, session(interval '40 seconds') AS window, count(*) AS n, min(id) AS first_id, max(id) AS last_id
FROM events
GROUP BY window, user_name;
