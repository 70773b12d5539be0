-- expect: plans
-- explain: usr = JSON_GET_JSON(payload, 'user')
-- explain: name = JSON_AS_TEXT(JSON_GET_JSON(payload, 'user'), 'name')
-- explain: first = JSON_GET_JSON(payload, 0)
CREATE TABLE input (payload JSON) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT payload -> 'user' AS usr, payload -> 'user' ->> 'name' AS name, payload -> 0 AS first
FROM input WHERE payload ->> 'kind' = 'click';
