-- expect: plans
-- explain: unnest _list AS __element, _list_2 AS __element_2, _list_3 AS __element_3
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT unnest(scores) AS score, id, unnest(tags), unnest(ARRAY[id, id + 1]) AS pair FROM posts WHERE id > 10;
