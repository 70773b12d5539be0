-- expect: error 2:25 The column name '_is_retract' is reserved
CREATE TABLE t (k TEXT, _is_retract BOOLEAN) WITH (connector = 'single_file', path = '/data/in.json', format = 'json', type = 'source');
SELECT k FROM t;
