-- expect: error 3:8 No match found for function signature json_get_string
CREATE TABLE input (doc JSON) WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT json_get_string(doc, 'a') FROM input;
