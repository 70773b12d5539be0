package io.tributary.pipeline.connectors;

import io.tributary.api.client.ApiJson;
import io.tributary.connectors.kafka.KafkaBrokers;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.api.model.ConnectionAutocompleteResp;
import io.tributary.api.model.ConnectionProfile;
import io.tributary.api.model.ConnectionProfilePost;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.TestSourceMessage;
import io.tributary.pipeline.api.ApiException;
import io.tributary.pipeline.store.ConnectionStore;
import io.tributary.pipeline.store.PublicIds;
import io.tributary.pipeline.store.StoredProfile;
import io.tributary.sql.catalog.ConnectionProfileResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connection profiles: checked against their connector's profile schema, stored with secret
 * fields encrypted ({@link SecretCipher}) and shown with them redacted.
 */
@Service
public class ConnectionProfiles {
    static final String REDACTED = "********";
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionStore store;
    private final SecretCipher cipher;
    private final Clock clock = Clock.systemUTC();

    public ConnectionProfiles(ConnectionStore store, SecretCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    @Transactional
    public ConnectionProfile create(ConnectionProfilePost post) {
        if (post.name().isBlank()) {
            throw ApiException.badRequest("a connection profile needs a name");
        }
        ProfileSchemas.ProfileSpec spec = check(post);
        if (store.profileNameTaken(post.name())) {
            throw ApiException.conflict("a connection profile named '" + post.name() + "' exists already");
        }
        ObjectNode encrypted = mapSecrets(spec, (ObjectNode) post.config(), cipher::encrypt);
        StoredProfile stored = new StoredProfile(PublicIds.connectionProfileId(), post.name(), post.connector(),
                ApiJson.mapper().writeValueAsString(encrypted), describe(spec, post.config()), clock.millis() * 1000);
        store.insert(stored);
        return toApi(stored);
    }

    @Transactional(readOnly = true)
    public PaginatedCollection<ConnectionProfile> list() {
        return new PaginatedCollection<>(store.profiles().stream().map(this::toApi).toList(), false);
    }

    @Transactional(readOnly = true)
    public ConnectionProfile get(String id) {
        return toApi(stored(id));
    }

    @Transactional
    public void delete(String id) {
        stored(id);
        List<String> tables = store.tablesOfProfile(id);
        if (!tables.isEmpty()) {
            throw ApiException.conflict("connection profile " + id + " is used by connection tables "
                    + String.join(", ", tables) + "; delete them first");
        }
        store.deleteProfile(id);
    }

    /** Checks the posted profile, then tries to reach the system it describes. Nothing is stored. */
    public TestSourceMessage test(ConnectionProfilePost post) {
        return reach(check(post), post.config(), "connection profile '" + post.name() + "'");
    }

    /** Tries to reach the system of a stored profile, with its secrets decrypted. */
    @Transactional(readOnly = true)
    public TestSourceMessage test(String id) {
        StoredProfile profile = stored(id);
        ProfileSchemas.ProfileSpec spec = ProfileSchemas.lookup(profile.connector()).orElseThrow();
        return reach(spec, decrypted(spec, profile), "connection profile '" + profile.name() + "'");
    }

    /**
     * Values the profile's system offers for table fields, as Arroyo answers them: a Kafka
     * profile's {@code topic} values are the brokers' topics; other systems offer none. Brokers
     * that cannot be reached are a 400 saying why.
     */
    @Transactional(readOnly = true)
    public ConnectionAutocompleteResp autocomplete(String id) {
        StoredProfile profile = stored(id);
        if (!profile.connector().equals("kafka")) {
            return new ConnectionAutocompleteResp(Map.of());
        }
        ProfileSchemas.ProfileSpec spec = ProfileSchemas.lookup(profile.connector()).orElseThrow();
        try {
            return new ConnectionAutocompleteResp(Map.of("topic", KafkaBrokers.topics(
                    "connection profile '" + profile.name() + "'",
                    ProfileTableOptions.of(profile.connector(), decrypted(spec, profile)), BROKER_TIMEOUT)));
        } catch (ConnectorException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * The profiles as the planner looks them up by name: their settings as table options, secrets
     * decrypted (they travel in the planned program to the workers' connectors).
     */
    public ConnectionProfileResolver resolver() {
        return name -> store.profileNamed(name).map(profile -> {
            ProfileSchemas.ProfileSpec spec = ProfileSchemas.lookup(profile.connector()).orElseThrow();
            return new ConnectionProfileResolver.Profile(profile.connector(),
                    ProfileTableOptions.of(profile.connector(), decrypted(spec, profile)));
        });
    }

    private ObjectNode decrypted(ProfileSchemas.ProfileSpec spec, StoredProfile profile) {
        return mapSecrets(spec, (ObjectNode) ApiJson.mapper().readTree(profile.config()), cipher::decrypt);
    }

    /**
     * Tries the system's address over TCP; a Kafka profile whose brokers answer is then tried with a
     * Kafka client, which also checks its credentials.
     */
    private static TestSourceMessage reach(ProfileSchemas.ProfileSpec spec, JsonNode config, String what) {
        TestSourceMessage reached;
        try {
            reached = Reachability.test(spec.connector(), config.path(spec.addressField()).asString(""), spec.defaultPort());
        } catch (IllegalArgumentException e) {
            return TestSourceMessage.fail("config field '" + spec.addressField() + "': " + e.getMessage());
        }
        if (reached.error() || !spec.connector().equals("kafka")) {
            return reached;
        }
        try {
            List<String> topics = KafkaBrokers.topics(what, ProfileTableOptions.of("kafka", config), BROKER_TIMEOUT);
            return TestSourceMessage.done("connected to the Kafka brokers at "
                    + config.path("bootstrap_servers").asString() + ", which hold " + topics.size() + " topics");
        } catch (ConnectorException e) {
            return TestSourceMessage.fail(e.getMessage());
        }
    }

    private StoredProfile stored(String id) {
        return store.profile(id).orElseThrow(() -> ApiException.notFound("connection profile", id));
    }

    private static ProfileSchemas.ProfileSpec check(ConnectionProfilePost post) {
        ProfileSchemas.ProfileSpec spec = ProfileSchemas.lookup(post.connector()).orElseThrow(() ->
                ApiException.badRequest("connector '" + post.connector() + "' takes no connection profile; these do: "
                        + String.join(", ", new TreeSet<>(ProfileSchemas.connectors()))));
        JsonSchemaCheck.problem(spec.schema(), post.config()).ifPresent(problem -> {
            throw ApiException.badRequest(problem);
        });
        try {
            Reachability.endpoint(post.config().path(spec.addressField()).asString(""), spec.defaultPort());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("config field '" + spec.addressField() + "': " + e.getMessage());
        }
        return spec;
    }

    private static ObjectNode mapSecrets(ProfileSchemas.ProfileSpec spec, ObjectNode config, UnaryOperator<String> map) {
        ObjectNode copy = config.deepCopy();
        for (String field : config.propertyNames()) {
            if (ProfileSchemas.isSecret(spec.schema(), field) && config.get(field).isString()) {
                copy.put(field, map.apply(config.get(field).asString()));
            }
        }
        return copy;
    }

    private static String describe(ProfileSchemas.ProfileSpec spec, JsonNode config) {
        return spec.schema().path("title").asString(spec.connector()) + " at " + config.path(spec.addressField()).asString();
    }

    private ConnectionProfile toApi(StoredProfile stored) {
        ObjectNode raw = (ObjectNode) ApiJson.mapper().readTree(stored.config());
        ObjectNode config = ProfileSchemas.lookup(stored.connector())
                .map(spec -> mapSecrets(spec, raw, value -> REDACTED))
                .orElse(raw);
        return new ConnectionProfile(stored.id(), stored.name(), stored.connector(), config, stored.description());
    }
}
