-- expect: plans
-- Memory table: written by one INSERT, read after; its query is planned where it is read.
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE big (k TEXT, v BIGINT);
INSERT INTO big SELECT k, v FROM events WHERE v > 100;
CREATE TABLE sink_out WITH (connector = 'stdout');
INSERT INTO sink_out SELECT k, tumble(interval '1 minute') AS window, count(*) AS n FROM big GROUP BY k, window;
