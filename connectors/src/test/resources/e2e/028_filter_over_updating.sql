-- A filter over an updating aggregate.
-- tables: events, changelog_results

INSERT INTO results
SELECT * FROM (
  SELECT kind, count(*) AS n, avg(amount) AS mean FROM events GROUP BY kind
) WHERE n >= 8;
