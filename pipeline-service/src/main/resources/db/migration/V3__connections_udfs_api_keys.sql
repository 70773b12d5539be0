-- Connection profiles, connection tables, UDFs and API keys. Written in the SQL that both
-- PostgreSQL and H2 accept. JSON documents are stored as text: nothing queries inside them.
CREATE TABLE connection_profiles (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL UNIQUE,
    connector   VARCHAR(64)  NOT NULL,
    -- Secret fields hold ciphertext ("enc:v1:…"), never the secret.
    config      VARCHAR      NOT NULL,
    description VARCHAR      NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE connection_tables (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL UNIQUE,
    connector   VARCHAR(64)  NOT NULL,
    profile_id  VARCHAR(64)  REFERENCES connection_profiles (id),
    table_type  VARCHAR(16)  NOT NULL,
    config      VARCHAR      NOT NULL,
    schema_json VARCHAR      NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE INDEX connection_tables_profile_id ON connection_tables (profile_id);

-- Which pipelines read or write which connection tables: a table in use cannot be deleted.
-- Deleting a pipeline releases its tables.
CREATE TABLE pipeline_connection_tables (
    pipeline_id VARCHAR(64) NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
    table_id    VARCHAR(64) NOT NULL REFERENCES connection_tables (id),
    PRIMARY KEY (pipeline_id, table_id)
);

CREATE INDEX pipeline_connection_tables_table_id ON pipeline_connection_tables (table_id);

CREATE TABLE udfs (
    id           VARCHAR(64)  PRIMARY KEY,
    prefix       VARCHAR(255) NOT NULL,
    name         VARCHAR(255) NOT NULL UNIQUE,
    definition   VARCHAR      NOT NULL,
    description  VARCHAR,
    artifact_url VARCHAR      NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);

-- Keys for the gateway, stored as the hex SHA-256 of the key: a leaked table reveals no key.
CREATE TABLE api_keys (
    id         VARCHAR(64)  PRIMARY KEY,
    name       VARCHAR(255) NOT NULL,
    key_hash   CHAR(64)     NOT NULL UNIQUE,
    created_at BIGINT       NOT NULL
);
