-- expect: error 3:33 A select list can unnest one list; this is a second unnest(...)
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT id, unnest(tags) AS tag, unnest(scores) AS score FROM posts;
