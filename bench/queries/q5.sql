-- Nexmark q5's stateful core (hot items), in Arroyo's form: bids per auction in sliding windows
-- of 10 s every 2 s. The full q5 (keep the auctions whose count equals the per-window maximum)
-- does not plan yet: the maximum would read an updating stream (see RESULTS.md).
INSERT INTO sink_out
SELECT auction, hop(interval '2 seconds', interval '10 seconds') AS window, count(*) AS num
FROM bid
GROUP BY 1, 2;
