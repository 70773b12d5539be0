-- HAVING on an updating aggregate.
-- tables: events, changelog_results

INSERT INTO results
SELECT user_name, sum(qty) AS items
FROM events
GROUP BY user_name
HAVING sum(qty) > 8;
