-- A non-windowed FULL JOIN of two streams.
-- tables: unwatermarked_orders, customers, changelog_results

INSERT INTO results
SELECT coalesce(o.customer, c.name) AS who, o.order_id, c.tier
FROM orders o FULL JOIN customers c ON o.customer = c.name;
