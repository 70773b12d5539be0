-- expect: plans
-- warning: Option 'watermark_field' is deprecated: write event_time_field = 'ts'
CREATE TABLE input (k TEXT, ts TIMESTAMP NOT NULL) WITH (
  connector = 'single_file', path = '/in.json', format = 'json', type = 'source', watermark_field = 'ts');
SELECT k FROM input;
