-- expect: error 4:34 must name the event-time column of 'impulse', but it declares none
CREATE TABLE impulse WITH (connector = 'impulse', event_rate = '10');
SELECT window_start, window_end, count(*)
FROM TABLE(TUMBLE(TABLE impulse, DESCRIPTOR("timestamp"), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
