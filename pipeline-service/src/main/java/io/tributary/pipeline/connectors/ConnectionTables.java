package io.tributary.pipeline.connectors;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.ConnectionProfile;
import io.tributary.api.model.ConnectionSchema;
import io.tributary.api.model.ConnectionTable;
import io.tributary.api.model.ConnectionTablePost;
import io.tributary.api.model.ConnectionType;
import io.tributary.api.model.FieldType;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.SourceField;
import io.tributary.api.model.TestSourceMessage;
import io.tributary.pipeline.api.ApiException;
import io.tributary.pipeline.store.ConnectionStore;
import io.tributary.pipeline.store.PublicIds;
import io.tributary.pipeline.store.StoredTable;
import io.tributary.sql.catalog.ConnectorRole;
import io.tributary.sql.catalog.ConnectorSpec;
import io.tributary.sql.catalog.Connectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connection tables: a connector, its options ({@code config}, checked against the connector's
 * table schema) and the rows' schema, stored under a name that queries use like a table they
 * declared. Planning a query puts a {@code CREATE TABLE} for each stored table it names in front
 * of it ({@link #prelude(String)}); a pipeline's use of a table is recorded, and a table in use
 * cannot be deleted.
 */
@Service
public class ConnectionTables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern IDENTIFIER = Pattern.compile("\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern DECLARED = Pattern.compile(
            "(?i)CREATE\\s+(?:TEMPORARY\\s+)?(?:TABLE|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> FORMATS = Set.of("json", "debezium_json", "avro", "raw_string", "parquet");

    /** {@code CREATE TABLE} statements (on one line) for the stored tables a query names, and their ids. */
    public record Prelude(String statements, List<String> tableIds) {
        public static final Prelude NONE = new Prelude("", List.of());
    }

    private final ConnectionStore store;
    private final ConnectionProfiles profiles;
    private final Clock clock = Clock.systemUTC();

    public ConnectionTables(ConnectionStore store, ConnectionProfiles profiles) {
        this.store = store;
        this.profiles = profiles;
    }

    @Transactional
    public ConnectionTable create(ConnectionTablePost post) {
        Checked checked = check(post);
        if (store.tableNameTaken(post.name())) {
            throw ApiException.conflict("a connection table named '" + post.name() + "' exists already");
        }
        StoredTable table = new StoredTable(PublicIds.connectionTableId(), post.name(), checked.spec().name(),
                post.connectionProfileId(), word(checked.type()), ApiJson.mapper().writeValueAsString(post.config()),
                ApiJson.mapper().writeValueAsString(checked.schema()), clock.millis() * 1000, 0);
        store.insert(table);
        return toApi(table);
    }

    /** Tables newest first: at most {@code limit} of those after the table {@code startingAfter}. */
    @Transactional(readOnly = true)
    public PaginatedCollection<ConnectionTable> list(Optional<String> startingAfter, int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit must be between 1 and 1000, got " + limit);
        }
        Optional<StoredTable> after = startingAfter.map(id -> store.table(id).orElseThrow(() ->
                ApiException.badRequest("starting_after names no connection table: '" + id + "'")));
        List<StoredTable> page = store.tablesNewestFirst(after, limit + 1);
        return new PaginatedCollection<>(page.stream().limit(limit).map(this::toApi).toList(), page.size() > limit);
    }

    @Transactional
    public void delete(String id) {
        store.table(id).orElseThrow(() -> ApiException.notFound("connection table", id));
        List<String> pipelines = store.pipelinesUsing(id);
        if (!pipelines.isEmpty()) {
            throw ApiException.conflict("connection table " + id + " is used by pipelines " + String.join(", ", pipelines)
                    + "; delete them first");
        }
        store.deleteTable(id);
    }

    /**
     * Checks the posted table and says what can be known here about reaching it: a profile's system
     * is tried over TCP, a file source must be readable, generators need nothing. Reading sample
     * messages needs the connector's runtime, which runs on workers, not here.
     */
    @Transactional(readOnly = true)
    public List<TestSourceMessage> test(ConnectionTablePost post) {
        Checked checked = check(post);
        String connector = checked.spec().name();
        TestSourceMessage checkedMessage = TestSourceMessage.info("the table's config and schema are valid for "
                + connector);
        if (post.connectionProfileId().isPresent()) {
            return List.of(checkedMessage, profiles.test(post.connectionProfileId().get()));
        }
        if (connector.equals("single_file")) {
            Path path = Path.of(post.config().path("path").asString());
            boolean fine = checked.type() == ConnectorRole.SOURCE ? Files.isReadable(path)
                    : Files.isWritable(Optional.ofNullable(path.toAbsolutePath().getParent()).orElse(path));
            return List.of(checkedMessage, fine
                    ? TestSourceMessage.done(path + (checked.type() == ConnectorRole.SOURCE ? " can be read" : "'s directory can be written")
                            + " from the pipeline service (workers must see the same file system)")
                    : TestSourceMessage.fail(path + (checked.type() == ConnectorRole.SOURCE ? " cannot be read" : "'s directory cannot be written")
                            + " from the pipeline service"));
        }
        return List.of(checkedMessage, TestSourceMessage.done(connector + (checked.spec().hasFixedSchema()
                ? " generates its rows itself: there is nothing to connect to"
                : " reaches no external system from here: it is checked when a pipeline runs")));
    }

    /** The schema with the fields its definition yields; a 400 names what is wrong. */
    public ConnectionSchema testSchema(ConnectionSchema schema) {
        return normalize(schema, false);
    }

    /** The statements to plan in front of {@code query} for the stored tables it names but does not declare. */
    @Transactional(readOnly = true)
    public Prelude prelude(String query) {
        Set<String> named = new HashSet<>();
        Matcher identifiers = IDENTIFIER.matcher(query);
        while (identifiers.find()) {
            named.add((identifiers.group(1) != null ? identifiers.group(1) : identifiers.group(2)).toLowerCase(Locale.ROOT));
        }
        Matcher declared = DECLARED.matcher(query);
        while (declared.find()) {
            named.remove(declared.group(1).toLowerCase(Locale.ROOT));
        }
        if (named.isEmpty()) {
            return Prelude.NONE;
        }
        List<StoredTable> used = store.tables().stream()
                .filter(table -> named.contains(table.name().toLowerCase(Locale.ROOT)))
                .toList();
        if (used.isEmpty()) {
            return Prelude.NONE;
        }
        return new Prelude(used.stream().map(this::createTable).collect(Collectors.joining(" ")),
                used.stream().map(StoredTable::id).toList());
    }

    public void recordUse(String pipelineId, List<String> tableIds) {
        tableIds.forEach(tableId -> store.recordUse(pipelineId, tableId));
    }

    private record Checked(ConnectorSpec spec, ConnectorRole type, ConnectionSchema schema) {}

    private Checked check(ConnectionTablePost post) {
        if (!NAME.matcher(post.name()).matches()) {
            throw ApiException.badRequest("a connection table's name is used in SQL: letters, digits and '_', "
                    + "not starting with a digit, at most 63; got '" + post.name() + "'");
        }
        ConnectorSpec spec = Connectors.lookup(post.connector())
                .filter(connector -> !connector.name().equals("preview"))
                .orElseThrow(() -> ApiException.badRequest("no connector '" + post.connector() + "'; there are "
                        + String.join(", ", Connectors.names().stream().filter(name -> !name.equals("preview")).toList())));
        post.connectionProfileId().ifPresent(profileId -> {
            ConnectionProfile profile;
            try {
                profile = profiles.get(profileId);
            } catch (ApiException e) {
                throw ApiException.badRequest("connection_profile_id names no connection profile: '" + profileId + "'");
            }
            if (!profile.connector().equals(spec.name())) {
                throw ApiException.badRequest("connection profile " + profileId + " is for " + profile.connector()
                        + ", not " + spec.name());
            }
        });
        JsonSchemaCheck.problem(ApiJson.mapper().readTree(TableConfigSchemas.schema(spec)), post.config())
                .ifPresent(problem -> {
                    throw ApiException.badRequest(problem);
                });
        ConnectorRole type = switch (spec.roleRule()) {
            case ConnectorSpec.RoleRule.Fixed fixed -> fixed.role();
            case ConnectorSpec.RoleRule.ByTypeOption byType -> {
                String word = post.config().path("type").asString("");
                if (word.isEmpty()) {
                    throw ApiException.badRequest("config field 'type' is required for " + spec.name()
                            + ": 'source' or 'sink'");
                }
                yield ConnectorRole.valueOf(word.toUpperCase(Locale.ROOT));
            }
        };
        ConnectionSchema schema = post.schema().map(given -> normalize(given, spec.hasFixedSchema()))
                .orElseGet(() -> new ConnectionSchema(Optional.empty(), List.of(), Optional.empty(), Optional.empty()));
        if (schema.fields().isEmpty() && !schema.isInferred() && !spec.hasFixedSchema()) {
            throw ApiException.badRequest("connector " + spec.name() + " needs a schema: fields, a definition, "
                    + "or inferred: true");
        }
        return new Checked(spec, type, schema);
    }

    private static ConnectionSchema normalize(ConnectionSchema schema, boolean fixedSchema) {
        schema.format().filter(format -> !FORMATS.contains(format)).ifPresent(format -> {
            throw ApiException.badRequest("schema format '" + format + "' is not one of " + new java.util.TreeSet<>(FORMATS));
        });
        if (fixedSchema && (!schema.fields().isEmpty() || schema.definition().isPresent())) {
            throw ApiException.badRequest("this connector's rows have a fixed schema: leave out fields and definition");
        }
        if (!schema.fields().isEmpty() && schema.definition().isPresent()) {
            throw ApiException.badRequest("give a schema's fields or its definition, not both");
        }
        List<SourceField> fields = schema.fields();
        if (schema.definition().isPresent()) {
            try {
                fields = SchemaDefinitions.fields(schema.definition().get());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        Set<String> seen = new HashSet<>();
        for (SourceField field : fields) {
            if (!seen.add(field.name().toLowerCase(Locale.ROOT))) {
                throw ApiException.badRequest("schema field '" + field.name() + "' appears twice");
            }
        }
        return new ConnectionSchema(schema.format(), fields, schema.definition(), schema.inferred());
    }

    /**
     * One line of SQL: the table as a query would declare it; a table bound to a profile names it,
     * so that planning adds the profile's settings.
     */
    private String createTable(StoredTable table) {
        ConnectionSchema schema = ApiJson.mapper().readValue(table.schema(), ConnectionSchema.class);
        JsonNode config = ApiJson.mapper().readTree(table.config());
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(table.name());
        if (!schema.fields().isEmpty()) {
            sql.append(" (").append(schema.fields().stream().map(ConnectionTables::column)
                    .collect(Collectors.joining(", "))).append(")");
        }
        sql.append(" WITH (connector = ").append(literal(table.connector()));
        if (!config.has("type")) {
            sql.append(", type = ").append(literal(table.tableType()));
        }
        table.profileId().filter(id -> !config.has("connection_profile")).flatMap(store::profile).ifPresent(profile ->
                sql.append(", connection_profile = ").append(literal(profile.name())));
        for (Map.Entry<String, JsonNode> option : config.properties()) {
            // Quoted: dotted keys such as Kafka's 'source.offset' are no SQL identifiers.
            sql.append(", ").append(literal(option.getKey())).append(" = ").append(literal(option.getValue().asString()));
        }
        boolean takesFormat = Connectors.lookup(table.connector()).flatMap(spec -> spec.option("format")).isPresent();
        schema.format().filter(format -> takesFormat && !config.has("format"))
                .ifPresent(format -> sql.append(", format = ").append(literal(format)));
        return sql.append(");").toString();
    }

    private static String column(SourceField field) {
        String type = field.type() == FieldType.STRUCT
                ? "ROW(" + field.fields().stream().map(ConnectionTables::column).collect(Collectors.joining(", ")) + ")"
                : field.type().sqlType();
        return quoted(field.name()) + " " + type + (field.required() ? " NOT NULL" : "");
    }

    /** Always quoted: a field may be named like a reserved word ({@code at}, {@code timestamp}). */
    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String word(ConnectorRole role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private ConnectionTable toApi(StoredTable table) {
        return new ConnectionTable(table.id(), table.name(), table.createdAt(), table.connector(),
                table.profileId().map(profiles::get), ConnectionType.valueOf(table.tableType().toUpperCase(Locale.ROOT)),
                ApiJson.mapper().readTree(table.config()),
                ApiJson.mapper().readValue(table.schema(), ConnectionSchema.class), table.consumers());
    }
}
