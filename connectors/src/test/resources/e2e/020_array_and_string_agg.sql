-- array_agg and string_agg per user and 2-minute window.
-- tables: events, results

INSERT INTO results
SELECT user_name, tumble(interval '2 minutes') AS window,
  array_agg(id) AS ids, string_agg(kind, ',') AS kinds
FROM events
GROUP BY user_name, window;
