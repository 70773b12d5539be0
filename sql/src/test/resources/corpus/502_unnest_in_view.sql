-- expect: plans
-- nodes: source watermark unnest projection sink
-- explain: one row per element of scores
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
CREATE VIEW scored AS SELECT id, unnest(scores) AS score FROM posts;
SELECT id, score * 2 AS doubled FROM scored WHERE score > 0;
