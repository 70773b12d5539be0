-- expect: error 3:38 UNNEST is joined with CROSS JOIN (or a comma) only
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT p.id, u.tag FROM posts p LEFT JOIN UNNEST(p.tags) AS u(tag) ON TRUE;
