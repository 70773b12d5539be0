package io.tributary.sql.catalog;

import static io.tributary.sql.catalog.OptionSpec.OptionKind.COLUMN_NAME;
import static io.tributary.sql.catalog.OptionSpec.OptionKind.DURATION_MICROS;
import static io.tributary.sql.catalog.OptionSpec.OptionKind.NON_NEGATIVE_INTEGER;
import static io.tributary.sql.catalog.OptionSpec.OptionKind.POSITIVE_NUMBER;
import static io.tributary.sql.catalog.OptionSpec.OptionKind.TEXT;

import io.tributary.sql.catalog.ConnectorSpec.RoleRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** The connectors the planner knows, by name. */
public final class Connectors {
    /**
     * Event time, idleness, format and connection options every connector accepts; connectors receive
     * them as written (a connection profile's settings are added by the planner, see
     * {@link ConnectionProfileResolver}).
     */
    public static final List<OptionSpec> COMMON_OPTIONS = List.of(
            OptionSpec.oneOf("type", false, "source", "sink", "lookup"),
            OptionSpec.optional("event_time_field", COLUMN_NAME),
            OptionSpec.optional("watermark_field", COLUMN_NAME),
            OptionSpec.optional("idle_micros", DURATION_MICROS),
            OptionSpec.oneOf("bad_data", false, "fail", "drop"),
            OptionSpec.optional("framing", TEXT),
            OptionSpec.optional("connection_profile", TEXT));

    /** Option name prefixes that belong to formats and are passed through unchecked. */
    public static final Set<String> PASS_THROUGH_PREFIXES =
            Set.of("json.", "format.", "avro.", "parquet.", "raw_string.", "framing.");

    private static final Map<String, ConnectorSpec> CONNECTORS = new TreeMap<>();

    static {
        register(new ConnectorSpec(
                "impulse",
                new RoleRule.Fixed(ConnectorRole.SOURCE),
                List.of(
                        column("counter", f -> notNull(f, SqlTypeName.BIGINT)),
                        column("subtask_index", f -> notNull(f, SqlTypeName.BIGINT)),
                        column("timestamp", f -> f.createSqlType(SqlTypeName.TIMESTAMP, 9))),
                List.of(
                        OptionSpec.required("event_rate", POSITIVE_NUMBER),
                        OptionSpec.optional("message_count", NON_NEGATIVE_INTEGER))));
        register(new ConnectorSpec(
                "single_file",
                new RoleRule.ByTypeOption(Set.of(ConnectorRole.SOURCE, ConnectorRole.SINK)),
                List.of(),
                List.of(
                        OptionSpec.required("path", TEXT),
                        OptionSpec.oneOf("format", true, "json", "debezium_json")),
                List.of(
                        new MetadataKey("path", SqlTypeName.VARCHAR, "the path option"),
                        new MetadataKey("line", SqlTypeName.BIGINT, "the row's line number, from 1"))));
        register(new ConnectorSpec(
                "stdout",
                new RoleRule.Fixed(ConnectorRole.SINK),
                List.of(),
                List.of(OptionSpec.oneOf("format", false, "json", "debezium_json"))));
        register(new ConnectorSpec(
                "blackhole", new RoleRule.Fixed(ConnectorRole.SINK), List.of(), List.of()));
        register(new ConnectorSpec(
                "redis",
                new RoleRule.Fixed(ConnectorRole.LOOKUP),
                List.of(),
                List.of(
                        OptionSpec.optional("address", TEXT),
                        OptionSpec.oneOf("format", false, "json"),
                        OptionSpec.optional(LookupTables.CACHE_MAX_BYTES, NON_NEGATIVE_INTEGER),
                        OptionSpec.optional(LookupTables.CACHE_TTL, TEXT)),
                List.of(LookupTables.KEY_METADATA)));
        register(new ConnectorSpec(
                "preview", new RoleRule.Fixed(ConnectorRole.SINK), List.of(), List.of()));
        // Arroyo's Kafka table options, so that Arroyo tables paste unchanged.
        register(new ConnectorSpec(
                "kafka",
                new RoleRule.ByTypeOption(Set.of(ConnectorRole.SOURCE, ConnectorRole.SINK)),
                List.of(),
                List.of(
                        OptionSpec.optional("bootstrap_servers", TEXT),
                        OptionSpec.required("topic", TEXT),
                        OptionSpec.oneOf("format", false, "json", "avro", "raw_string", "debezium_json"),
                        OptionSpec.oneOf("source.offset", false, "earliest", "latest", "group"),
                        OptionSpec.oneOf("source.read_mode", false, "read_committed", "read_uncommitted"),
                        OptionSpec.optional("source.group_id", TEXT),
                        OptionSpec.optional("group_id", TEXT),
                        OptionSpec.oneOf("sink.commit_mode", false, "at_least_once", "exactly_once"),
                        OptionSpec.optional("sink.key_field", COLUMN_NAME),
                        OptionSpec.optional("sink.timestamp_field", COLUMN_NAME),
                        OptionSpec.optional("value.subject", TEXT),
                        OptionSpec.oneOf("auth.type", false, "none", "sasl"),
                        OptionSpec.optional("auth.mechanism", TEXT),
                        OptionSpec.optional("auth.protocol", TEXT),
                        OptionSpec.optional("auth.username", TEXT),
                        OptionSpec.optional("auth.password", TEXT),
                        OptionSpec.optional("client_configs", TEXT),
                        OptionSpec.optional("schema_registry.endpoint", TEXT),
                        OptionSpec.optional("schema_registry.api_key", TEXT),
                        OptionSpec.optional("schema_registry.api_secret", TEXT)),
                // Arroyo's names and types.
                List.of(
                        new MetadataKey("offset_id", SqlTypeName.BIGINT, "the record's offset in its partition"),
                        new MetadataKey("partition", SqlTypeName.INTEGER, "the record's partition"),
                        new MetadataKey("topic", SqlTypeName.VARCHAR, "the record's topic"),
                        new MetadataKey("timestamp", SqlTypeName.TIMESTAMP, "the record's Kafka timestamp"),
                        new MetadataKey("key", SqlTypeName.VARBINARY, "the record's key, as bytes"))));
        register(new ConnectorSpec(
                "nexmark",
                new RoleRule.Fixed(ConnectorRole.SOURCE),
                List.of(
                        column("person", Connectors::nexmarkPerson),
                        column("auction", Connectors::nexmarkAuction),
                        column("bid", Connectors::nexmarkBid)),
                List.of(
                        OptionSpec.required("event_rate", POSITIVE_NUMBER),
                        OptionSpec.optional("runtime", POSITIVE_NUMBER))));
    }

    private Connectors() {}

    public static Optional<ConnectorSpec> lookup(String name) {
        return Optional.ofNullable(CONNECTORS.get(name.toLowerCase(Locale.ROOT)));
    }

    public static Collection<ConnectorSpec> all() {
        return List.copyOf(CONNECTORS.values());
    }

    public static List<String> names() {
        return new ArrayList<>(CONNECTORS.keySet());
    }

    private static void register(ConnectorSpec spec) {
        CONNECTORS.put(spec.name(), spec);
    }

    private static FixedColumn column(String name, Function<RelDataTypeFactory, RelDataType> type) {
        return new FixedColumn(name, type);
    }

    private static RelDataType notNull(RelDataTypeFactory factory, SqlTypeName type) {
        return factory.createSqlType(type);
    }

    private static RelDataType nullable(RelDataTypeFactory factory, SqlTypeName type) {
        return factory.createTypeWithNullability(factory.createSqlType(type), true);
    }

    // Nexmark's three event kinds as Arroyo's nexmark source emits them: one struct column
    // per kind, exactly one of which is set on each row.
    private static RelDataType nexmarkPerson(RelDataTypeFactory f) {
        return f.createTypeWithNullability(f.builder()
                .add("id", notNull(f, SqlTypeName.BIGINT))
                .add("name", notNull(f, SqlTypeName.VARCHAR))
                .add("email_address", notNull(f, SqlTypeName.VARCHAR))
                .add("credit_card", notNull(f, SqlTypeName.VARCHAR))
                .add("city", notNull(f, SqlTypeName.VARCHAR))
                .add("state", notNull(f, SqlTypeName.VARCHAR))
                .add("datetime", f.createSqlType(SqlTypeName.TIMESTAMP, 9))
                .add("extra", notNull(f, SqlTypeName.VARCHAR))
                .build(), true);
    }

    private static RelDataType nexmarkAuction(RelDataTypeFactory f) {
        return f.createTypeWithNullability(f.builder()
                .add("id", notNull(f, SqlTypeName.BIGINT))
                .add("item_name", notNull(f, SqlTypeName.VARCHAR))
                .add("description", notNull(f, SqlTypeName.VARCHAR))
                .add("initial_bid", notNull(f, SqlTypeName.BIGINT))
                .add("reserve", notNull(f, SqlTypeName.BIGINT))
                .add("datetime", f.createSqlType(SqlTypeName.TIMESTAMP, 9))
                .add("expires", f.createSqlType(SqlTypeName.TIMESTAMP, 9))
                .add("seller", notNull(f, SqlTypeName.BIGINT))
                .add("category", notNull(f, SqlTypeName.BIGINT))
                .add("extra", notNull(f, SqlTypeName.VARCHAR))
                .build(), true);
    }

    private static RelDataType nexmarkBid(RelDataTypeFactory f) {
        return f.createTypeWithNullability(f.builder()
                .add("auction", notNull(f, SqlTypeName.BIGINT))
                .add("bidder", notNull(f, SqlTypeName.BIGINT))
                .add("price", notNull(f, SqlTypeName.BIGINT))
                .add("channel", notNull(f, SqlTypeName.VARCHAR))
                .add("url", notNull(f, SqlTypeName.VARCHAR))
                .add("datetime", f.createSqlType(SqlTypeName.TIMESTAMP, 9))
                .add("extra", nullable(f, SqlTypeName.VARCHAR))
                .build(), true);
    }
}
