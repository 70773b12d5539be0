-- expect: plans
-- Arroyo's form of the hot items: the window struct is the only equality, the count comparison a residual condition; the join is keyed by the window's end.
-- explain: _left_key1 = window.end
-- explain: join INNER on _left_key1 = _right_key1 AND num >= maxn window tumbling 2 seconds
CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3) NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
SELECT a.auction, a.num, a.window
FROM (SELECT auction, count(*) AS num, hop(interval '2 seconds', interval '10 seconds') AS window FROM bid GROUP BY auction, window) AS a
JOIN (SELECT max(num) AS maxn, window
      FROM (SELECT count(*) AS num, hop(interval '2 seconds', interval '10 seconds') AS window FROM bid GROUP BY auction, window)
      GROUP BY window) AS m
ON a.window = m.window AND a.num >= m.maxn;
