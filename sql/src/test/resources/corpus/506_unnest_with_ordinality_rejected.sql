-- expect: error 3:44 UNNEST ... WITH ORDINALITY is not supported
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT p.id, u.tag FROM posts p CROSS JOIN UNNEST(p.tags) WITH ORDINALITY AS u(tag, n);
