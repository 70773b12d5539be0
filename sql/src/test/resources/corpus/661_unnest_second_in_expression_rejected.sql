-- expect: error 3:37 unnest(...) must be a whole select item
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT id, unnest(tags) AS tag, 1 + unnest(scores) AS score FROM posts;
