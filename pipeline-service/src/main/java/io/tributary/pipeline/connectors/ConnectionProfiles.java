package io.tributary.pipeline.connectors;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.ConnectionAutocompleteResp;
import io.tributary.api.model.ConnectionProfile;
import io.tributary.api.model.ConnectionProfilePost;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.TestSourceMessage;
import io.tributary.pipeline.api.ApiException;
import io.tributary.pipeline.store.ConnectionStore;
import io.tributary.pipeline.store.PublicIds;
import io.tributary.pipeline.store.StoredProfile;
import java.time.Clock;
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
        return reach(check(post), post.config());
    }

    /** Tries to reach the system of a stored profile, with its secrets decrypted. */
    @Transactional(readOnly = true)
    public TestSourceMessage test(String id) {
        StoredProfile profile = stored(id);
        ProfileSchemas.ProfileSpec spec = ProfileSchemas.lookup(profile.connector()).orElseThrow();
        return reach(spec, mapSecrets(spec, (ObjectNode) ApiJson.mapper().readTree(profile.config()), cipher::decrypt));
    }

    /**
     * Values the profile's system offers for table fields. Listing them (Kafka topics, say) needs
     * the connector's client library, which this service does not carry: the answer is empty.
     */
    @Transactional(readOnly = true)
    public ConnectionAutocompleteResp autocomplete(String id) {
        stored(id);
        return new ConnectionAutocompleteResp(Map.of());
    }

    private static TestSourceMessage reach(ProfileSchemas.ProfileSpec spec, JsonNode config) {
        try {
            return Reachability.test(spec.connector(), config.path(spec.addressField()).asString(""), spec.defaultPort());
        } catch (IllegalArgumentException e) {
            return TestSourceMessage.fail("config field '" + spec.addressField() + "': " + e.getMessage());
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
