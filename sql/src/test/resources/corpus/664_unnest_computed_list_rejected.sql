-- expect: error 3:1 UNNEST of a computed list (ARRAY[...] or a function's result) is not supported
CREATE TABLE posts (id BIGINT, tags TEXT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT id, unnest(ARRAY[id, id + 1]) AS n FROM posts;
