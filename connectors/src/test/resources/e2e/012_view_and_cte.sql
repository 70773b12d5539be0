-- A view and a CTE over it.
-- tables: events, results

CREATE VIEW clicks AS SELECT id, user_name, qty FROM events WHERE kind = 'click';
INSERT INTO results
WITH heavy AS (SELECT id, user_name, qty * 10 AS weight FROM clicks)
SELECT user_name, weight FROM heavy WHERE weight >= 20;
