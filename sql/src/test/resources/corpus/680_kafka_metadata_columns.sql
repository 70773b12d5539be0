-- expect: plans
-- nodes: source projection sink
-- explain: metadata: off from 'offset_id'
-- explain: metadata: part from 'partition'
-- explain: metadata: from_topic from 'topic'
-- explain: metadata: written_at from 'timestamp'
-- explain: metadata: record_key from 'key'
CREATE TABLE orders (
  id BIGINT,
  off BIGINT METADATA FROM 'offset_id',
  part INT METADATA FROM 'partition',
  from_topic TEXT METADATA FROM 'topic',
  written_at TIMESTAMP METADATA FROM 'timestamp',
  record_key BYTEA METADATA FROM 'key'
) WITH (connector = 'kafka', bootstrap_servers = 'localhost:9092', topic = 'orders', format = 'json',
  type = 'source');
SELECT id, off, part, from_topic, written_at, record_key FROM orders WHERE part = 0;
