-- Which controller leads. Every controller instance competes for the one row; the holder runs the
-- jobs, the others wait. Written in the SQL that both PostgreSQL and H2 accept.
-- holder: the instance id of the leader ('' before the first one). epoch: the fencing token, raised
-- by one each time the lease changes hands (or is taken again after it lapsed), never lowered.
-- expires_at: microseconds since the epoch on the database's clock; after it anyone may take the lease.
CREATE TABLE controller_leases (
    name       VARCHAR(64)  PRIMARY KEY,
    holder     VARCHAR(255) NOT NULL,
    epoch      BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);

-- The row exists from the start, so that taking the lease is one conditional UPDATE and never an
-- INSERT racing another INSERT.
INSERT INTO controller_leases (name, holder, epoch, expires_at) VALUES ('controller', '', 0, 0);

-- run_workers: where the workers of the job's latest run listen (rpc addresses, comma-separated), so
-- that a controller taking the job over can stop that run before it starts another.
ALTER TABLE jobs ADD COLUMN run_workers VARCHAR;
