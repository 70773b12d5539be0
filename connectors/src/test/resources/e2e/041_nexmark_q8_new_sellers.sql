-- Nexmark q8-like: people who opened auctions in the window they registered.
-- tables: person, auction, results

INSERT INTO results
SELECT P.id, P.name, P.window_start
FROM (SELECT id, name, window_start, window_end
      FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(date_time), INTERVAL '1' MINUTE))
      GROUP BY id, name, window_start, window_end) P
JOIN (SELECT seller, window_start, window_end
      FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(date_time), INTERVAL '1' MINUTE))
      GROUP BY seller, window_start, window_end) A
ON P.id = A.seller AND P.window_start = A.window_start AND P.window_end = A.window_end;
