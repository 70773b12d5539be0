-- Nexmark q7, translated from the Flink anchor's queries/q7.sql.
INSERT INTO sink_out
SELECT b.auction, b.price, b.bidder, b.date_time, b.extra
FROM bid AS b
JOIN (
    SELECT MAX(price) AS max_price, window_end AS wend
    FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
    GROUP BY window_start, window_end
) AS m
ON b.price = m.max_price
WHERE b.date_time BETWEEN m.wend - INTERVAL '10' SECOND AND m.wend;
