-- expect: error 3:8 The aggregate function COUNT is not supported by this version of Tributary's planner outside a windowed GROUP BY
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT count(*) FROM impulse;
