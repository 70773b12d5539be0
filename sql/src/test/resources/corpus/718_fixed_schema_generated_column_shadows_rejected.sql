-- expect: error 2:23 Column 'bid' of table 'nexmark' is already a column of connector 'nexmark'
CREATE TABLE nexmark (bid TEXT GENERATED ALWAYS AS (CAST(nexmark.auction.id AS TEXT))) WITH (connector = 'nexmark', event_rate = '10');
SELECT bid FROM nexmark;
