-- expect: plans
-- The generator's table has a fixed schema; it can add a generated event time (the datetime of the row's struct) with a WATERMARK, so Flink's window table functions read it (Nexmark q8 over views).
-- explain: _timestamp = COALESCE(CASE
-- explain: watermark date_time - INTERVAL '4 seconds'
-- explain: window tumbling 10 seconds
CREATE TABLE nexmark (
  date_time TIMESTAMP GENERATED ALWAYS AS (CASE WHEN nexmark.person IS NOT NULL THEN nexmark.person."datetime" WHEN nexmark.auction IS NOT NULL THEN nexmark.auction."datetime" ELSE nexmark.bid."datetime" END),
  WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
) WITH (connector = 'nexmark', event_rate = '1000');
CREATE VIEW person AS SELECT nexmark.person.id AS id, nexmark.person.name AS name, date_time FROM nexmark WHERE nexmark.person IS NOT NULL;
CREATE VIEW auction AS SELECT nexmark.auction.seller AS seller, date_time FROM nexmark WHERE nexmark.auction IS NOT NULL;
SELECT p.id, p.name, p.wstart
FROM (SELECT id, name, window_start AS wstart, window_end AS wend
      FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) GROUP BY id, name, window_start, window_end) AS p
JOIN (SELECT seller, window_start AS wstart, window_end AS wend
      FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) GROUP BY seller, window_start, window_end) AS a
ON p.id = a.seller AND p.wstart = a.wstart AND p.wend = a.wend;
