-- expect: plans
-- The cheapest bid per tumbling window joined back to each bidder's cheapest of that window: the window bounds keep their names, only window_end is equated, and the residual compares the aggregates.
-- explain: window_aggregate tumbling 10 seconds: min(low) AS lowest
-- explain: join INNER on window_end = window_end AND low <= lowest window tumbling 10 seconds
CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3) NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
WITH per_bidder AS (SELECT bidder, MIN(price) AS low, window_start, window_end
                    FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND))
                    GROUP BY bidder, window_start, window_end),
     lowest AS (SELECT MIN(low) AS lowest, window_start, window_end FROM per_bidder GROUP BY window_start, window_end)
SELECT p.bidder, p.low, p.window_end FROM per_bidder AS p JOIN lowest AS l
ON p.window_end = l.window_end AND p.low <= l.lowest;
