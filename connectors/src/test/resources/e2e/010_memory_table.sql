-- A memory table written by one INSERT and read by another.
-- tables: events, results

CREATE TABLE purchases (id BIGINT, buyer TEXT, spent DOUBLE);
INSERT INTO purchases SELECT id, user_name, amount FROM events WHERE kind = 'buy';
INSERT INTO results SELECT buyer, spent FROM purchases WHERE spent < 10;
