package io.tributary.pipeline.store;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.UdfSignature;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UdfStore {
    private final JdbcClient jdbc;

    public UdfStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredUdf udf) {
        jdbc.sql("""
                        INSERT INTO udfs (id, prefix, name, definition, description, artifact_url, created_at, updated_at,
                            signature, source_hash)
                        VALUES (:id, :prefix, :name, :definition, :description, :artifactUrl, :createdAt, :updatedAt,
                            :signature, :sourceHash)""")
                .param("id", udf.id())
                .param("prefix", udf.prefix())
                .param("name", udf.name())
                .param("definition", udf.definition())
                .param("description", udf.description().orElse(null))
                .param("artifactUrl", udf.artifactUrl())
                .param("createdAt", udf.createdAt())
                .param("updatedAt", udf.updatedAt())
                .param("signature", udf.signature().map(ApiJson.mapper()::writeValueAsString).orElse(null))
                .param("sourceHash", udf.sourceHash().orElse(null))
                .update();
    }

    public Optional<StoredUdf> byName(String name) {
        return jdbc.sql("SELECT * FROM udfs WHERE LOWER(name) = LOWER(:name)").param("name", name)
                .query(UdfStore::udf).optional();
    }

    public List<StoredUdf> all() {
        return jdbc.sql("SELECT * FROM udfs ORDER BY prefix, name").query(UdfStore::udf).list();
    }

    public boolean delete(String id) {
        return jdbc.sql("DELETE FROM udfs WHERE id = :id").param("id", id).update() == 1;
    }

    private static StoredUdf udf(ResultSet row, int number) throws SQLException {
        return new StoredUdf(row.getString("id"), row.getString("prefix"), row.getString("name"),
                row.getString("definition"), Optional.ofNullable(row.getString("description")),
                row.getString("artifact_url"), row.getLong("created_at"), row.getLong("updated_at"),
                Optional.ofNullable(row.getString("signature"))
                        .map(json -> ApiJson.mapper().readValue(json, UdfSignature.class)),
                Optional.ofNullable(row.getString("source_hash")));
    }
}
