-- SELECT DISTINCT is an updating result.
-- tables: events, changelog_results

INSERT INTO results
SELECT DISTINCT user_name, kind FROM events WHERE qty >= 2;
