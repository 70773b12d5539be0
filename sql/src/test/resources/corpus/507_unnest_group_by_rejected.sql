-- expect: error 3:12 unnest(...) in a SELECT with GROUP BY, DISTINCT or HAVING is not supported
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT id, unnest(tags) AS tag FROM posts GROUP BY id, tags;
