-- A keyless windowed aggregate defined in a view, filtered downstream.
-- tables: events, results

CREATE VIEW per_minute AS
SELECT window_start, window_end, count(*) AS n, sum(amount) AS spent
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
INSERT INTO results SELECT window_end, n, spent, spent / n AS per_event FROM per_minute WHERE n > 5;
