-- expect: error 3:15 UNNEST must follow the table whose list it unnests
CREATE TABLE posts (id BIGINT, tags TEXT[], scores INT[], ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/posts.json', format = 'json', type = 'source');
SELECT x FROM UNNEST(ARRAY[1, 2]) AS u(x);
