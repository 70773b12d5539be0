-- CREATE TABLE AS SELECT, read by the sink query.
-- tables: events, results

CREATE TABLE views AS SELECT id, user_name, page FROM events WHERE kind = 'view';
INSERT INTO results SELECT id, upper(user_name) AS who, page FROM views WHERE page LIKE '/shop/%';
