-- expect: plans
-- nodes: source watermark unnest projection sink
-- explain: unnest tags AS __element
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT id, unnest(tags) AS tag FROM posts WHERE id > 10;
