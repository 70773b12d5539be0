-- Nexmark from Tributary's in-memory generator (connector 'nexmark', Arroyo's layout: struct
-- columns person / auction / bid, exactly one set per row). ${EVENT_RATE} x ${RUNTIME} events;
-- a rate far above what the engine sustains means the source never sleeps. The event time is the
-- datetime of whichever struct the row carries, a generated column, with the file DDL's watermark
-- (4 s behind), so that window table functions (q5, q7, q8) read it as in Flink's DDL.
CREATE TABLE nexmark (
    date_time TIMESTAMP GENERATED ALWAYS AS (
        CASE WHEN nexmark.person IS NOT NULL THEN nexmark.person."datetime"
             WHEN nexmark.auction IS NOT NULL THEN nexmark.auction."datetime"
             ELSE nexmark.bid."datetime" END),
    WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND
) WITH (connector = 'nexmark', event_rate = '${EVENT_RATE}', runtime = '${RUNTIME}');

CREATE VIEW person AS
SELECT nexmark.person.id AS id, nexmark.person.name AS name, nexmark.person.email_address AS email_address,
       nexmark.person.credit_card AS credit_card, nexmark.person.city AS city, nexmark.person.state AS state,
       date_time, nexmark.person.extra AS extra
FROM nexmark WHERE nexmark.person IS NOT NULL;

CREATE VIEW auction AS
SELECT nexmark.auction.id AS id, nexmark.auction.item_name AS item_name, nexmark.auction.description AS description,
       nexmark.auction.initial_bid AS initial_bid, nexmark.auction.reserve AS reserve,
       date_time, nexmark.auction.expires AS expires,
       nexmark.auction.seller AS seller, nexmark.auction.category AS category, nexmark.auction.extra AS extra
FROM nexmark WHERE nexmark.auction IS NOT NULL;

CREATE VIEW bid AS
SELECT nexmark.bid.auction AS auction, nexmark.bid.bidder AS bidder, nexmark.bid.price AS price,
       nexmark.bid.channel AS channel, nexmark.bid.url AS url, date_time, nexmark.bid.extra AS extra
FROM nexmark WHERE nexmark.bid IS NOT NULL;

CREATE TABLE sink_out WITH (connector = 'blackhole');
