-- expect: error 3:16 Memory table 'nothing' (a table without WITH) is read before an INSERT writes it
CREATE TABLE nothing (id BIGINT);
SELECT id FROM nothing;
