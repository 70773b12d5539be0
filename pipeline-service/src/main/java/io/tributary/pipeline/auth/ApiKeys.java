package io.tributary.pipeline.auth;

import static java.util.Objects.requireNonNull;

import io.tributary.pipeline.store.PublicIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys for the gateway: created here (the key is shown once), stored only as the hex SHA-256
 * of the key. A plain class, so that an admin command can create keys without starting a service:
 * {@code ApiKeys.migrating(url, user, password).create("ci")}.
 */
public final class ApiKeys {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new key: {@code key} is the secret to hand to the user, kept nowhere else. */
    public record Issued(String id, String name, String key) {
        public Issued {
            requireNonNull(id, "id is null");
            requireNonNull(name, "name is null");
            requireNonNull(key, "key is null");
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public ApiKeys(DataSource dataSource) {
        this.jdbc = JdbcClient.create(requireNonNull(dataSource, "dataSource is null"));
        this.clock = Clock.systemUTC();
    }

    /** Keys in the database at {@code url}, whose schema is brought up to date first (as the pipeline service would). */
    public static ApiKeys migrating(String url, String user, String password) {
        Flyway flyway = Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load();
        flyway.migrate();
        return new ApiKeys(flyway.getConfiguration().getDataSource());
    }

    public Issued create(String name) {
        requireNonNull(name, "name is null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an API key needs a name saying whose it is");
        }
        StringBuilder key = new StringBuilder("trb_");
        for (int i = 0; i < 40; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        Issued issued = new Issued(PublicIds.apiKeyId(), name, key.toString());
        jdbc.sql("INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (:id, :name, :hash, :at)")
                .param("id", issued.id())
                .param("name", name)
                .param("hash", hash(issued.key()))
                .param("at", clock.millis() * 1000)
                .update();
        return issued;
    }

    /** Whether a stored key has this hash ({@link #hash(String)} of the key the caller sent). */
    public boolean exists(String keyHash) {
        return jdbc.sql("SELECT COUNT(*) FROM api_keys WHERE key_hash = :hash").param("hash", keyHash)
                .query(Long.class).single() > 0;
    }

    /** Removes the key with this id; false when there is none. */
    public boolean revoke(String id) {
        return jdbc.sql("DELETE FROM api_keys WHERE id = :id").param("id", id).update() == 1;
    }

    /** The lower-case hex SHA-256 of the key's UTF-8 bytes, as the gateway computes it too. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
