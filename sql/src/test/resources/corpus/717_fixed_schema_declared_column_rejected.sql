-- expect: error 2:89 Connector 'nexmark' has a fixed schema (person, auction, bid); table 'nexmark' can only add generated columns
CREATE TABLE nexmark (date_time TIMESTAMP GENERATED ALWAYS AS (nexmark.bid."datetime"), price BIGINT) WITH (connector = 'nexmark', event_rate = '10');
SELECT date_time FROM nexmark;
