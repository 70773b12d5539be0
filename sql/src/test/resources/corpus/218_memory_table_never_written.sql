-- expect: plans
-- warning: Memory table 'unused' is never written
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
CREATE TABLE unused (n BIGINT);
SELECT counter FROM impulse;
