package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Looks up the connection profiles that tables name with {@code connection_profile = 'name'}, so
 * that the planner puts a profile's settings into the table's options and connectors never reach
 * the profile store. Without a resolver (a query planned outside the services) the option is
 * passed to the connector as written.
 */
@FunctionalInterface
public interface ConnectionProfileResolver {
    /** The profile named {@code name}, if there is one. */
    Optional<Profile> profile(String name);

    /**
     * A stored profile as table options.
     *
     * @param connector the connector the profile is for
     * @param options the profile's settings as the connector's table options (secrets in clear)
     */
    record Profile(String connector, Map<String, String> options) {
        public Profile {
            requireNonNull(connector, "connector is null");
            options = Map.copyOf(requireNonNull(options, "options is null"));
        }
    }
}
