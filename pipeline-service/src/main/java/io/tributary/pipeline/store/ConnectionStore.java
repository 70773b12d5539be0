package io.tributary.pipeline.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Connection profiles and tables, and which pipelines use which tables. */
@Repository
public class ConnectionStore {
    private static final String TABLE_COLUMNS = """
            t.id, t.name, t.connector, t.profile_id, t.table_type, t.config, t.schema_json, t.created_at,
            (SELECT COUNT(*) FROM pipeline_connection_tables u WHERE u.table_id = t.id) AS consumers
            """;

    private final JdbcClient jdbc;

    public ConnectionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredProfile profile) {
        jdbc.sql("""
                        INSERT INTO connection_profiles (id, name, connector, config, description, created_at)
                        VALUES (:id, :name, :connector, :config, :description, :createdAt)""")
                .paramSource(profile)
                .update();
    }

    public Optional<StoredProfile> profile(String id) {
        return jdbc.sql("SELECT * FROM connection_profiles WHERE id = :id").param("id", id)
                .query(ConnectionStore::profile).optional();
    }

    public Optional<StoredProfile> profileNamed(String name) {
        return jdbc.sql("SELECT * FROM connection_profiles WHERE name = :name").param("name", name)
                .query(ConnectionStore::profile).optional();
    }

    public boolean profileNameTaken(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM connection_profiles WHERE name = :name").param("name", name)
                .query(Long.class).single() > 0;
    }

    public List<StoredProfile> profiles() {
        return jdbc.sql("SELECT * FROM connection_profiles ORDER BY created_at DESC, id DESC")
                .query(ConnectionStore::profile).list();
    }

    /** Names of the tables that use the profile. */
    public List<String> tablesOfProfile(String profileId) {
        return jdbc.sql("SELECT name FROM connection_tables WHERE profile_id = :id ORDER BY name")
                .param("id", profileId).query(String.class).list();
    }

    public boolean deleteProfile(String id) {
        return jdbc.sql("DELETE FROM connection_profiles WHERE id = :id").param("id", id).update() == 1;
    }

    public void insert(StoredTable table) {
        jdbc.sql("""
                        INSERT INTO connection_tables
                            (id, name, connector, profile_id, table_type, config, schema_json, created_at)
                        VALUES (:id, :name, :connector, :profileId, :tableType, :config, :schema, :createdAt)""")
                .param("id", table.id())
                .param("name", table.name())
                .param("connector", table.connector())
                .param("profileId", table.profileId().orElse(null))
                .param("tableType", table.tableType())
                .param("config", table.config())
                .param("schema", table.schema())
                .param("createdAt", table.createdAt())
                .update();
    }

    public Optional<StoredTable> table(String id) {
        return jdbc.sql("SELECT " + TABLE_COLUMNS + " FROM connection_tables t WHERE t.id = :id").param("id", id)
                .query(ConnectionStore::table).optional();
    }

    public boolean tableNameTaken(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM connection_tables WHERE LOWER(name) = LOWER(:name)").param("name", name)
                .query(Long.class).single() > 0;
    }

    /** Every table, for building the planner's catalog. */
    public List<StoredTable> tables() {
        return jdbc.sql("SELECT " + TABLE_COLUMNS + " FROM connection_tables t ORDER BY t.name")
                .query(ConnectionStore::table).list();
    }

    /** At most {@code limit} tables, newest first, after the table {@code after} when given. */
    public List<StoredTable> tablesNewestFirst(Optional<StoredTable> after, int limit) {
        String where = after.isPresent()
                ? " WHERE t.created_at < :createdAt OR (t.created_at = :createdAt AND t.id < :id)" : "";
        var statement = jdbc.sql("SELECT " + TABLE_COLUMNS + " FROM connection_tables t" + where
                + " ORDER BY t.created_at DESC, t.id DESC LIMIT :limit").param("limit", limit);
        if (after.isPresent()) {
            statement = statement.param("createdAt", after.get().createdAt()).param("id", after.get().id());
        }
        return statement.query(ConnectionStore::table).list();
    }

    /** Ids of the pipelines that use the table. */
    public List<String> pipelinesUsing(String tableId) {
        return jdbc.sql("SELECT pipeline_id FROM pipeline_connection_tables WHERE table_id = :id ORDER BY pipeline_id")
                .param("id", tableId).query(String.class).list();
    }

    public void recordUse(String pipelineId, String tableId) {
        jdbc.sql("INSERT INTO pipeline_connection_tables (pipeline_id, table_id) VALUES (:pipeline, :table)")
                .param("pipeline", pipelineId)
                .param("table", tableId)
                .update();
    }

    public boolean deleteTable(String id) {
        return jdbc.sql("DELETE FROM connection_tables WHERE id = :id").param("id", id).update() == 1;
    }

    private static StoredProfile profile(ResultSet row, int number) throws SQLException {
        return new StoredProfile(row.getString("id"), row.getString("name"), row.getString("connector"),
                row.getString("config"), row.getString("description"), row.getLong("created_at"));
    }

    private static StoredTable table(ResultSet row, int number) throws SQLException {
        return new StoredTable(row.getString("id"), row.getString("name"), row.getString("connector"),
                Optional.ofNullable(row.getString("profile_id")), row.getString("table_type"), row.getString("config"),
                row.getString("schema_json"), row.getLong("created_at"), row.getInt("consumers"));
    }
}
