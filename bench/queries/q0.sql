-- Nexmark q0 (pass-through): every bid, unchanged.
INSERT INTO sink_out
SELECT auction, bidder, price, date_time, extra
FROM bid;
