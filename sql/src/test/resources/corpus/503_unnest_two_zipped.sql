-- expect: plans
-- nodes: source watermark unnest projection sink
-- explain: unnest tags AS __element, scores AS __element_2
-- explain: one row per element of tags, scores zipped: as many as the longest has, the others padded with NULL
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT id, unnest(tags) AS tag, unnest(scores) AS score FROM posts;
