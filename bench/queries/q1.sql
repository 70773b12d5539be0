-- Nexmark q1 (currency conversion): price in euros at the fixed rate 0.908.
INSERT INTO sink_out
SELECT auction, bidder, 0.908 * price AS price, date_time, extra
FROM bid;
