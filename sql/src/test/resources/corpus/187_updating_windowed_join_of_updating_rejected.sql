-- expect: error 5:1 A join cannot read an updating stream: its left input (an aggregate without GROUP BY)
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE VIEW total AS SELECT count(*) AS n FROM events;
SELECT t.n, e.v FROM total t
JOIN events e ON t.n = e.v;
