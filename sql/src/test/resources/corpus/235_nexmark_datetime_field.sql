-- expect: plans
-- explain: at_time = bid.datetime
CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '10');
SELECT nexmark.bid.datetime AS at_time FROM nexmark WHERE nexmark.bid IS NOT NULL;
