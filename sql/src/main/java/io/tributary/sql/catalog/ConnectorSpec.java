package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the planner knows about a connector: which roles it plays, its schema if fixed, and
 * the options it understands, and the metadata keys its sources offer. Connector implementations
 * live in the connectors module; this is only the metadata needed to check a CREATE TABLE.
 */
public record ConnectorSpec(String name, RoleRule roleRule, List<FixedColumn> fixedSchema, List<OptionSpec> options,
        List<MetadataKey> metadata) {
    public ConnectorSpec {
        requireNonNull(name, "name is null");
        requireNonNull(roleRule, "roleRule is null");
        fixedSchema = List.copyOf(requireNonNull(fixedSchema, "fixedSchema is null"));
        options = List.copyOf(requireNonNull(options, "options is null"));
        metadata = List.copyOf(requireNonNull(metadata, "metadata is null"));
    }

    /** A connector whose sources offer no metadata. */
    public ConnectorSpec(String name, RoleRule roleRule, List<FixedColumn> fixedSchema, List<OptionSpec> options) {
        this(name, roleRule, fixedSchema, options, List.of());
    }

    public Optional<MetadataKey> metadataKey(String key) {
        return metadata.stream().filter(offered -> offered.name().equals(key)).findFirst();
    }

    public boolean hasFixedSchema() {
        return !fixedSchema.isEmpty();
    }

    public Optional<OptionSpec> option(String key) {
        return options.stream().filter(option -> option.name().equals(key)).findFirst();
    }

    /** How a table's role follows from the connector and its options. */
    public sealed interface RoleRule {
        /** The connector is only ever a source, or only ever a sink. */
        record Fixed(ConnectorRole role) implements RoleRule {
            public Fixed {
                requireNonNull(role, "role is null");
            }
        }

        /** The role comes from the option {@code type = 'source' | 'sink'}. */
        record ByTypeOption(Set<ConnectorRole> allowed) implements RoleRule {
            public ByTypeOption {
                allowed = Set.copyOf(requireNonNull(allowed, "allowed is null"));
            }
        }
    }
}
