-- expect: plans
-- nodes: source projection sink
-- explain: JSON_GET_INT(doc, 'a', 0)
-- explain: EXTRACT_JSON_STRING(doc, '$.a.b')
CREATE TABLE input (doc JSON, raw TEXT)
WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT
  json_get_str(doc, 'name') AS a, json_get_int(doc, 'a', 0) AS b, json_get_float(doc, 'f') AS c,
  json_get_bool(raw, 'ok') AS d, json_get_json(doc, 'nested') AS e, json_contains(doc, 'k') AS f,
  json_length(doc) AS g, json_length(doc, 'list') AS h, extract_json_string(doc, '$.a.b') AS i,
  extract_json(doc, '$.a[0]') AS j, get_first_json_object(raw, '$.a') AS k
FROM input;
