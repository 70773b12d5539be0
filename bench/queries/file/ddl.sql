-- Nexmark over the Flink anchor's JSON-lines file (anchor.NexmarkGen): one event per line,
-- event_type 0/1/2, ts_ms, ts (ISO-8601) and one of the structs person / auction / bid.
-- ${DATA} is filled in by NexmarkRunner (--set DATA=...). The watermark trails ts by 4 s,
-- as in the anchor's ddl.sql.
CREATE TABLE nexmark (
    event_type INT,
    ts_ms BIGINT,
    ts TIMESTAMP,
    person ROW(id BIGINT, name TEXT, email_address TEXT, credit_card TEXT,
        city TEXT, state TEXT, extra TEXT),
    auction ROW(id BIGINT, item_name TEXT, description TEXT, initial_bid BIGINT, reserve BIGINT,
        expires TIMESTAMP, seller BIGINT, category BIGINT, extra TEXT),
    bid ROW(auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, url TEXT, extra TEXT),
    WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
) WITH (connector = 'single_file', path = '${DATA}', format = 'json', type = 'source');

CREATE VIEW person AS
SELECT nexmark.person.id AS id, nexmark.person.name AS name, nexmark.person.email_address AS email_address,
       nexmark.person.credit_card AS credit_card, nexmark.person.city AS city, nexmark.person.state AS state,
       ts AS date_time, nexmark.person.extra AS extra
FROM nexmark WHERE event_type = 0;

CREATE VIEW auction AS
SELECT nexmark.auction.id AS id, nexmark.auction.item_name AS item_name, nexmark.auction.description AS description,
       nexmark.auction.initial_bid AS initial_bid, nexmark.auction.reserve AS reserve, ts AS date_time,
       nexmark.auction.expires AS expires, nexmark.auction.seller AS seller,
       nexmark.auction.category AS category, nexmark.auction.extra AS extra
FROM nexmark WHERE event_type = 1;

CREATE VIEW bid AS
SELECT nexmark.bid.auction AS auction, nexmark.bid.bidder AS bidder, nexmark.bid.price AS price,
       nexmark.bid.channel AS channel, nexmark.bid.url AS url, ts AS date_time, nexmark.bid.extra AS extra
FROM nexmark WHERE event_type = 2;

CREATE TABLE sink_out WITH (connector = 'blackhole');
