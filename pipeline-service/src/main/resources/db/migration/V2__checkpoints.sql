-- Checkpoints of jobs, written by the controller as it coordinates them and read by the API.
-- The checkpoint data lives in the job's checkpoint store (jobs.state_url); a row says how a
-- checkpoint went. A checkpoint is `completed` only once its metadata.pb is durable in the store;
-- `metadata` then holds the same CheckpointMetadata protobuf, so that the API can describe
-- operators and subtasks without reading the store.
CREATE TABLE checkpoints (
    job_id          VARCHAR(64)   NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    epoch           BIGINT        NOT NULL,
    run_id          BIGINT        NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    backend         VARCHAR(1024) NOT NULL,
    then_stop       BOOLEAN       NOT NULL,
    start_time      BIGINT        NOT NULL,
    finish_time     BIGINT,
    bytes           BIGINT        NOT NULL,
    failure_message VARCHAR,
    metadata        BYTEA,
    PRIMARY KEY (job_id, epoch),
    CONSTRAINT checkpoints_state CHECK (state IN ('in_progress', 'completed', 'failed'))
);

-- state_url: the checkpoint store the job's first run used, kept so that a changed controller
-- setting does not strand the job's checkpoints. restarts: recoveries after failures since the
-- job was created. restored_epoch: the checkpoint the current run started from.
ALTER TABLE jobs ADD COLUMN state_url VARCHAR(1024);
ALTER TABLE jobs ADD COLUMN restarts INT NOT NULL DEFAULT 0;
ALTER TABLE jobs ADD COLUMN restored_epoch BIGINT;
