-- An unbounded inner join of append-only streams stays append-only.
-- tables: unwatermarked_orders, customers, results

INSERT INTO results
SELECT o.order_id, c.name, c.city, o.total
FROM orders o JOIN customers c ON o.customer = c.name
WHERE c.tier <> 'bronze';
