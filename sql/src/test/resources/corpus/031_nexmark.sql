-- expect: plans
-- nodes: source projection sink
-- explain: price = bid.price
CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '1000');
SELECT nexmark.bid.auction AS auction, nexmark.bid.price AS price FROM nexmark WHERE nexmark.bid IS NOT NULL;
