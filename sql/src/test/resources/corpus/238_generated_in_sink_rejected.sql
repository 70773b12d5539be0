-- expect: error 3:14 Table 'copy' is a sink; generated columns (GENERATED ALWAYS AS) apply to sources
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE copy (n BIGINT, twice BIGINT GENERATED ALWAYS AS (n * 2)) WITH (connector = 'stdout');
INSERT INTO copy SELECT counter FROM impulse;
