-- Projection and filter over a plain stream.
-- tables: events, results

INSERT INTO results
SELECT id, user_name, amount * 2 AS doubled, qty + 1 AS next_qty
FROM events
WHERE kind = 'buy' AND amount > 5.0;
