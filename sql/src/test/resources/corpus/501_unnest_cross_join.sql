-- expect: plans
-- nodes: source watermark unnest projection sink
-- explain: one row per element of tags
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
EXPLAIN SELECT p.id, u.tag FROM posts AS p CROSS JOIN UNNEST(p.tags) AS u(tag) WHERE u.tag <> 'x';
