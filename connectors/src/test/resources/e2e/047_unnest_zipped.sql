-- Two unnest(...) in one select list are zipped: the shorter list is padded with NULL.
CREATE TABLE posts (id BIGINT, tags TEXT[], scores BIGINT[])
WITH (connector = 'single_file', path = '$input_dir/posts.json', format = 'json', type = 'source');
-- tables: results

INSERT INTO results
SELECT id, unnest(tags) AS tag, unnest(scores) AS score FROM posts;
