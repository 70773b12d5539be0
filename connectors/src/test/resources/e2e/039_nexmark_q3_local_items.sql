-- Nexmark q3-like: unbounded join of auctions with sellers in chosen states.
-- tables: person, auction, results

INSERT INTO results
SELECT P.name, P.city, P.state, A.id
FROM auction AS A INNER JOIN person AS P ON A.seller = P.id
WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA');
