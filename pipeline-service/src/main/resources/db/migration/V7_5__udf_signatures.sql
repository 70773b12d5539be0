-- What SQL sees of a UDF (its signature, as JSON) and its source's content hash, the jar's
-- identity: both come from the compiler service's build. UDFs stored before have neither and
-- cannot be called until they are created again.
ALTER TABLE udfs ADD COLUMN signature VARCHAR;
ALTER TABLE udfs ADD COLUMN source_hash VARCHAR(64);
