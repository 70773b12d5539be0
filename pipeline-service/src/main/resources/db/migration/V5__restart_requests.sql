-- Restart requests (POST /api/v1/pipelines/{id}/restart). Written in the SQL that both PostgreSQL
-- and H2 accept.
-- restart_mode ('safe', 'force' or 'ignore_state') and restart_requested_at (microseconds, strictly
-- increasing per job) are written by pipeline-service: the latest restart asked for. A stop asked
-- for after it (a later updated_at) overrides it.
-- restart_carried_out_at is written by the controller: the restart_requested_at of the request the
-- job's latest run carried out. A request is pending while it is newer, so a request that arrives
-- while another is being carried out is not lost, and a controller taking the job over finds it.
-- discarded_through_epoch: checkpoints up to this epoch hold state an ignore_state restart
-- discarded; no run restores them (epochs go on increasing after them).
ALTER TABLE jobs ADD COLUMN restart_mode VARCHAR(16);
ALTER TABLE jobs ADD COLUMN restart_requested_at BIGINT;
ALTER TABLE jobs ADD COLUMN restart_carried_out_at BIGINT;
ALTER TABLE jobs ADD COLUMN discarded_through_epoch BIGINT NOT NULL DEFAULT 0;
