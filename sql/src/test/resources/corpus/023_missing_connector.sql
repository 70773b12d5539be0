-- expect: error 2:14 Table 'nothing' needs a connector
CREATE TABLE nothing (id BIGINT);
SELECT id FROM nothing;
