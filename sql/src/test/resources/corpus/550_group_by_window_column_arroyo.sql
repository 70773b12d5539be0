-- expect: plans
-- GROUP BY the window column of windowed rows aggregates over that same window: a hop's rows all carry its end - 1 ns, so a tumbling window of the slide gathers each window's rows once; its start is the end - the width.
-- nodes: source watermark projection window_aggregate projection projection window_aggregate projection sink
-- explain: window_aggregate tumbling 2 seconds: max(num) AS maxn
-- explain: ROW(window_end - INTERVAL '10 seconds', window_end) AS window
CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '1000');
CREATE VIEW bids AS SELECT nexmark.bid.auction AS auction, nexmark.bid.datetime AS datetime FROM nexmark WHERE nexmark.bid IS NOT NULL;
SELECT window, max(num) AS maxn
FROM (SELECT hop(interval '2 seconds', interval '10 seconds') AS window, auction, count(*) AS num FROM bids GROUP BY window, auction)
GROUP BY window;
