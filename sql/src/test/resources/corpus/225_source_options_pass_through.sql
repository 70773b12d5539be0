-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: table input via single_file {bad_data='drop', connection_profile='local_files', event_time_field='ts', format='json', idle_micros='5000000', path='/in.json', type='source'}
-- explain: event time: ts
-- explain: watermark _timestamp - INTERVAL '1 seconds' every 200000us, idle after 5000000us
CREATE TABLE input (k TEXT, ts TIMESTAMP NOT NULL) WITH (
  connector = 'single_file', path = '/in.json', format = 'json', type = 'source',
  event_time_field = 'ts', idle_micros = '5000000', bad_data = 'drop', connection_profile = 'local_files');
SELECT k, tumble(interval '1' minute) AS window, count(*) AS n FROM input GROUP BY k, window;
