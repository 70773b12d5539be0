-- HAVING over a windowed aggregate.
-- tables: events, results

INSERT INTO results
SELECT window_start, user_name, sum(amount) AS spent
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '2' MINUTE))
GROUP BY window_start, window_end, user_name
HAVING sum(amount) > 10;
