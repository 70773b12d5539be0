-- expect: plans
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE halves (half DOUBLE, label TEXT NOT NULL);
INSERT INTO halves SELECT counter / 2 AS h, 'c' || CAST(counter AS TEXT) AS l FROM impulse;
SELECT half, label FROM halves WHERE half > 1;
