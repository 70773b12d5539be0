-- A non-windowed LEFT JOIN emits a changelog.
-- tables: unwatermarked_orders, customers, changelog_results

INSERT INTO results
SELECT o.order_id, o.customer, c.city
FROM orders o LEFT JOIN customers c ON o.customer = c.name;
