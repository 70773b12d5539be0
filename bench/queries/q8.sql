-- Nexmark q8, translated from the Flink anchor's queries/q8.sql.
INSERT INTO sink_out
SELECT p.id, p.name, p.wstart
FROM (
    SELECT id, name, window_start AS wstart, window_end AS wend
    FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
    GROUP BY id, name, window_start, window_end
) AS p
JOIN (
    SELECT seller, window_start AS wstart, window_end AS wend
    FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
    GROUP BY seller, window_start, window_end
) AS a
ON p.id = a.seller AND p.wstart = a.wstart AND p.wend = a.wend;
