-- expect: error 4:13 total is an append-only sink (connector 'stdout') but the query produces updates (an aggregate without GROUP BY)
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE total WITH (connector = 'stdout');
INSERT INTO total SELECT count(*) AS n FROM impulse;
