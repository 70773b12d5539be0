-- UNION ALL of two filtered selections of one source.
-- tables: events, results

INSERT INTO results
SELECT id, 'buy' AS src, amount AS val FROM events WHERE kind = 'buy'
UNION ALL
SELECT id, 'qty' AS src, CAST(qty AS DOUBLE) AS val FROM events WHERE qty >= 3;
