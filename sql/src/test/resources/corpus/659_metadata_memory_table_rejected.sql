-- expect: error 2:54 Memory table 'staging' has no connector to read metadata 'line' from
CREATE TABLE staging (k TEXT, n BIGINT METADATA FROM 'line');
CREATE TABLE input (k TEXT) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
INSERT INTO staging SELECT k, 1 AS n FROM input;
SELECT k, n FROM staging;
