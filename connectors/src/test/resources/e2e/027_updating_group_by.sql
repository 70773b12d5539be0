-- A GROUP BY without a window into debezium_json.
-- tables: events, changelog_results

INSERT INTO results
SELECT user_name, count(*) AS n, sum(amount) AS spent, max(qty) AS most
FROM events
GROUP BY user_name;
