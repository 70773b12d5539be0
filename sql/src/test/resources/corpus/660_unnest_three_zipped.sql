-- expect: plans
-- explain: one row per element of scores, tags, ratings zipped: as many as the longest has, the others padded with NULL
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ratings DOUBLE[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT unnest(scores) AS score, id, unnest(tags), unnest(ratings) AS rating FROM posts WHERE id > 10;
