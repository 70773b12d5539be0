package io.tributary.sql.plan;

import io.tributary.sql.catalog.ColumnDefinition;
import io.tributary.sql.catalog.ConnectionProfileResolver;
import io.tributary.sql.catalog.ConnectorRole;
import io.tributary.sql.catalog.ConnectorSpec;
import io.tributary.sql.catalog.Connectors;
import io.tributary.sql.catalog.FixedColumn;
import io.tributary.sql.catalog.LookupTables;
import io.tributary.sql.catalog.MetadataKey;
import io.tributary.sql.catalog.OptionSpec;
import io.tributary.sql.catalog.TableDefinition;
import io.tributary.sql.diagnostic.Diagnostic;
import io.tributary.sql.parser.DialectNormalizer;
import io.tributary.sql.parser.IntervalText;
import io.tributary.sql.parser.SqlColumnDeclaration;
import io.tributary.sql.parser.SqlCreateTable;
import io.tributary.sql.parser.SqlPrimaryKey;
import io.tributary.sql.parser.SqlTableOption;
import io.tributary.sql.parser.SqlWatermarkDeclaration;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlRowTypeNameSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Checks a CREATE TABLE against its connector and turns it into a {@link TableDefinition}.
 * Collects every problem rather than stopping at the first, and still returns a definition
 * when the schema is sound, so that later statements using the table are checked too.
 */
final class TableDdl {
    private final RelDataTypeFactory typeFactory;
    private final SqlValidator validator;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    record Result(Optional<TableDefinition> table, List<Diagnostic> diagnostics) {}

    record MemoryResult(Optional<MemoryTable> table, List<Diagnostic> diagnostics) {}

    private TableDdl(RelDataTypeFactory typeFactory, SqlValidator validator) {
        this.typeFactory = typeFactory;
        this.validator = validator;
    }

    static Result define(SqlCreateTable ddl, RelDataTypeFactory typeFactory, SqlValidator validator,
            Optional<ConnectionProfileResolver> profiles) {
        TableDdl planner = new TableDdl(typeFactory, validator);
        Optional<TableDefinition> table = planner.define(ddl, profiles);
        return new Result(table, List.copyOf(planner.diagnostics));
    }

    /** A memory table: {@code CREATE TABLE name (columns)} without WITH. */
    static MemoryResult defineMemory(SqlCreateTable ddl, RelDataTypeFactory typeFactory, SqlValidator validator) {
        TableDdl planner = new TableDdl(typeFactory, validator);
        String name = simpleName(ddl.name());
        for (SqlWatermarkDeclaration watermark : ddl.watermarks()) {
            planner.error("Memory table '" + name + "' has no connector, so it cannot declare a WATERMARK: its rows"
                    + " keep the event time of the query that writes them; declare the WATERMARK on the source",
                    watermark.getParserPosition());
        }
        List<ColumnDefinition> columns = planner.declaredColumns(ddl, name, Optional.empty());
        if (columns != null) {
            planner.primaryKey(ddl, name, columns);
        }
        Optional<MemoryTable> table = columns == null || !planner.diagnostics.isEmpty()
                ? Optional.empty()
                : Optional.of(new MemoryTable(name, columns, ddl.getParserPosition()));
        return new MemoryResult(table, List.copyOf(planner.diagnostics));
    }

    private void error(String message, SqlParserPos pos) {
        diagnostics.add(Diagnostic.error(message, pos));
    }

    private void warning(String message, SqlParserPos pos) {
        diagnostics.add(Diagnostic.warning(message, pos));
    }

    static String simpleName(SqlIdentifier identifier) {
        return identifier.names.getLast();
    }

    private Optional<TableDefinition> define(SqlCreateTable ddl, Optional<ConnectionProfileResolver> profiles) {
        SqlParserPos position = ddl.getParserPosition();
        if (!ddl.name().isSimple()) {
            error("Table names cannot be qualified: write '" + simpleName(ddl.name()) + "'",
                    ddl.name().getParserPosition());
        }
        String name = simpleName(ddl.name());

        Map<String, String> options = new LinkedHashMap<>();
        Map<String, SqlTableOption> optionNodes = new LinkedHashMap<>();
        for (SqlTableOption option : ddl.options()) {
            if (optionNodes.containsKey(option.key())) {
                error("Option '" + option.key() + "' is given twice for table '" + name + "'",
                        option.getParserPosition());
                continue;
            }
            optionNodes.put(option.key(), option);
        }
        SqlTableOption connectorOption = optionNodes.remove("connector");
        optionNodes.forEach((key, option) -> options.put(key, option.value()));
        if (connectorOption == null) {
            error("Table '" + name + "' needs a connector: add WITH (connector = '...'); known connectors: "
                    + String.join(", ", Connectors.names()), ddl.name().getParserPosition());
            return Optional.empty();
        }
        String connectorName = connectorOption.value().toLowerCase(Locale.ROOT);
        Optional<ConnectorSpec> found = Connectors.lookup(connectorName);
        if (found.isEmpty()) {
            error("Unknown connector '" + connectorOption.value() + "' for table '" + name
                    + "'; known connectors: " + String.join(", ", Connectors.names()),
                    connectorOption.valueNode().getParserPosition());
            return Optional.empty();
        }
        ConnectorSpec connector = found.get();
        Optional<ConnectorRole> role = role(name, connector, optionNodes, position);
        if (ddl.temporary() && role.filter(r -> r == ConnectorRole.LOOKUP).isEmpty()) {
            error("CREATE TEMPORARY TABLE makes a lookup table, but connector '" + connector.name() + "' cannot be"
                    + " looked up; lookup connectors: " + Connectors.all().stream().filter(LookupTables::canLookUp)
                    .map(ConnectorSpec::name).collect(Collectors.joining(", ")), ddl.name().getParserPosition());
            return Optional.empty();
        }
        checkOptions(name, connector, optionNodes, position);
        profiles.ifPresent(resolver -> profileOptions(name, connector, optionNodes.get("connection_profile"), resolver)
                .forEach(options::putIfAbsent));
        SqlTableOption format = optionNodes.get("format");
        boolean readsChanges = role.filter(r -> r == ConnectorRole.SOURCE).isPresent() && format != null
                && format.value().equalsIgnoreCase(QueryPlanner.DEBEZIUM_JSON);

        List<ColumnDefinition> columns = columns(ddl, name, connector, role);
        if (role.isEmpty() || columns == null) {
            return Optional.empty();
        }
        if (role.get() == ConnectorRole.SINK && columns.stream().anyMatch(ColumnDefinition::generated)) {
            error("Table '" + name + "' is a sink; generated columns (GENERATED ALWAYS AS) apply to sources: compute"
                    + " the value in the INSERT's query", ddl.name().getParserPosition());
            return Optional.empty();
        }
        boolean schemaFromInsert = role.get() == ConnectorRole.SINK && columns.isEmpty();
        if (role.get() == ConnectorRole.SOURCE && columns.isEmpty()) {
            error("Table '" + name + "' reads from connector '" + connector.name()
                    + "', which has no fixed schema: declare its columns, e.g. CREATE TABLE " + name
                    + " (id BIGINT, name TEXT) WITH (...)", ddl.name().getParserPosition());
            return Optional.empty();
        }

        Optional<SqlWatermarkDeclaration> watermark = watermark(ddl, name, role.get(), columns);
        Optional<Integer> eventTime = eventTime(name, columns, watermark, optionNodes);
        Optional.ofNullable(optionNodes.get("watermark_field")).ifPresent(option -> warning(
                "Option 'watermark_field' is deprecated: write event_time_field = '" + option.value()
                        + "', or WATERMARK FOR " + option.value() + " in the column list", option.getParserPosition()));
        Optional<String> watermarkField = Optional.ofNullable(optionNodes.get("watermark_field"))
                .filter(option -> column(columns, option.value(), option.valueNode().getParserPosition(),
                        "watermark_field", name).isPresent())
                .map(SqlTableOption::value);
        List<String> primaryKey = primaryKey(ddl, name, columns);
        if (readsChanges) {
            changeSource(ddl, name, columns, primaryKey, format);
        }
        // A table that asked for another role already has its error; lookup rules would only add noise.
        boolean askedForLookup = Optional.ofNullable(optionNodes.get("type"))
                .map(type -> type.value().equalsIgnoreCase(ConnectorRole.LOOKUP.word())).orElse(true);
        if (role.get() == ConnectorRole.LOOKUP && askedForLookup) {
            lookupTable(ddl, name, columns, primaryKey, optionNodes);
        }
        return Optional.of(new TableDefinition(name, connector.name(), role.get(), columns, schemaFromInsert,
                options, eventTime, watermark, watermarkField, primaryKey, position));
    }

    /**
     * The settings of the connection profile the table names, which its own options override; an
     * unknown profile, or one for another connector, is an error at the name.
     */
    private Map<String, String> profileOptions(String table, ConnectorSpec connector, SqlTableOption option,
            ConnectionProfileResolver resolver) {
        if (option == null) {
            return Map.of();
        }
        Optional<ConnectionProfileResolver.Profile> profile = resolver.profile(option.value());
        if (profile.isEmpty()) {
            error("Unknown connection profile '" + option.value() + "' for table '" + table
                    + "': create it first (POST /api/v1/connection_profiles)", option.valueNode().getParserPosition());
            return Map.of();
        }
        if (!profile.get().connector().equalsIgnoreCase(connector.name())) {
            error("Connection profile '" + option.value() + "' is for connector '" + profile.get().connector()
                    + "', not '" + connector.name() + "' of table '" + table + "'",
                    option.valueNode().getParserPosition());
            return Map.of();
        }
        return profile.get().options();
    }

    private Optional<ConnectorRole> role(
            String name, ConnectorSpec connector, Map<String, SqlTableOption> options, SqlParserPos position) {
        SqlTableOption type = options.get("type");
        return switch (connector.roleRule()) {
            case ConnectorSpec.RoleRule.Fixed fixed -> {
                if (type != null && !type.value().equalsIgnoreCase(fixed.role().word())) {
                    error("Connector '" + connector.name() + "' can only be a " + fixed.role().word()
                            + ", but table '" + name + "' says type = '" + type.value() + "'",
                            type.valueNode().getParserPosition());
                }
                yield Optional.of(fixed.role());
            }
            case ConnectorSpec.RoleRule.ByTypeOption byType -> {
                if (type == null) {
                    error("Table '" + name + "' (connector '" + connector.name()
                            + "') needs the option 'type' = 'source' or 'sink'", position);
                    yield Optional.empty();
                }
                Optional<ConnectorRole> chosen = byType.allowed().stream()
                        .filter(role -> role.word().equalsIgnoreCase(type.value()))
                        .findFirst();
                if (chosen.isEmpty()) {
                    error("Option 'type' of table '" + name + "' must be 'source' or 'sink', not '"
                            + type.value() + "'", type.valueNode().getParserPosition());
                }
                yield chosen;
            }
        };
    }

    private void checkOptions(
            String name, ConnectorSpec connector, Map<String, SqlTableOption> options, SqlParserPos position) {
        for (OptionSpec spec : connector.options()) {
            SqlTableOption option = options.get(spec.name());
            if (option == null) {
                if (spec.required()) {
                    error("Table '" + name + "' (connector '" + connector.name() + "') needs the option '"
                            + spec.name() + "'", position);
                }
                continue;
            }
            checkValue(name, spec, option);
        }
        for (SqlTableOption option : options.values()) {
            Optional<OptionSpec> spec = connector.option(option.key())
                    .or(() -> Connectors.COMMON_OPTIONS.stream()
                            .filter(common -> common.name().equals(option.key()))
                            .findFirst());
            boolean passThrough = Connectors.PASS_THROUGH_PREFIXES.stream().anyMatch(option.key()::startsWith);
            if (spec.isEmpty() && !passThrough) {
                warning("Option '" + option.key() + "' is not known to connector '" + connector.name()
                        + "'; it is passed to the connector unchecked", option.getParserPosition());
            } else if (spec.isPresent() && connector.option(option.key()).isEmpty()) {
                checkValue(name, spec.get(), option);
            }
        }
    }

    private void checkValue(String table, OptionSpec spec, SqlTableOption option) {
        String value = option.value();
        SqlParserPos pos = option.valueNode().getParserPosition();
        if (!spec.allowedValues().isEmpty()
                && spec.allowedValues().stream().noneMatch(allowed -> allowed.equalsIgnoreCase(value))) {
            error("Option '" + spec.name() + "' of table '" + table + "' must be "
                    + spec.allowedValues().stream().sorted().map(v -> "'" + v + "'").collect(Collectors.joining(" or "))
                    + ", not '" + value + "'", pos);
            return;
        }
        switch (spec.kind()) {
            case POSITIVE_NUMBER -> {
                if (number(value).filter(n -> n.signum() > 0).isEmpty()) {
                    error("Option '" + spec.name() + "' of table '" + table + "' must be a positive number, not '"
                            + value + "'", pos);
                }
            }
            case NON_NEGATIVE_INTEGER, DURATION_MICROS -> {
                if (number(value).filter(n -> n.signum() >= 0 && n.stripTrailingZeros().scale() <= 0).isEmpty()) {
                    error("Option '" + spec.name() + "' of table '" + table
                            + "' must be a whole number of at least 0, not '" + value + "'", pos);
                }
            }
            case TEXT, COLUMN_NAME -> {
                // Column names are checked against the columns once they are known.
            }
        }
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The table's columns; null when they cannot be determined. */
    private List<ColumnDefinition> columns(
            SqlCreateTable ddl, String name, ConnectorSpec connector, Optional<ConnectorRole> role) {
        if (connector.hasFixedSchema()) {
            // The connector's columns, then any generated from them (an event time out of a struct, say).
            List<ColumnDefinition> columns = new ArrayList<>(
                    connector.fixedSchema().stream().map(column -> column.define(typeFactory)).toList());
            boolean sound = true;
            for (SqlColumnDeclaration declaration : ddl.columns()) {
                String column = declaration.name().getSimple();
                if (declaration.generatedAs().isEmpty()) {
                    error("Connector '" + connector.name() + "' has a fixed schema ("
                            + connector.fixedSchema().stream().map(FixedColumn::name).collect(Collectors.joining(", "))
                            + "); table '" + name + "' can only add generated columns (" + column
                            + " TIMESTAMP GENERATED ALWAYS AS (...)), not declare '" + column + "'",
                            declaration.getParserPosition());
                    sound = false;
                } else if (columns.stream().anyMatch(existing -> existing.name().equalsIgnoreCase(column))) {
                    error("Column '" + column + "' of table '" + name + "' is already a column of connector '"
                            + connector.name() + "'", declaration.name().getParserPosition());
                    sound = false;
                }
            }
            List<ColumnDefinition> generated = sound ? declaredColumns(ddl, name, Optional.of(connector)) : null;
            if (generated == null) {
                return null;
            }
            columns.addAll(generated);
            return columns;
        }
        return declaredColumns(ddl, name, Optional.of(connector));
    }

    /**
     * The columns a CREATE TABLE declares; null when one is unsound. {@code connector} is empty for a
     * memory table, whose rows come from a query, so nothing can be generated or read from metadata.
     */
    private List<ColumnDefinition> declaredColumns(SqlCreateTable ddl, String name, Optional<ConnectorSpec> connector) {
        List<ColumnDefinition> columns = new ArrayList<>();
        boolean sound = true;
        for (SqlColumnDeclaration declaration : ddl.columns()) {
            String column = declaration.name().getSimple();
            if (column.equalsIgnoreCase(SchemaConverter.RETRACT_FIELD)) {
                error("The column name '_is_retract' is reserved for marking retractions in updating results",
                        declaration.name().getParserPosition());
                sound = false;
                continue;
            }
            if (column.equals(SchemaConverter.TIMESTAMP_FIELD)) {
                error("The column name '_timestamp' is reserved for the event time of rows",
                        declaration.name().getParserPosition());
                sound = false;
                continue;
            }
            if (columns.stream().anyMatch(existing -> existing.name().equalsIgnoreCase(column))) {
                error("Column '" + column + "' is declared twice in table '" + name + "'",
                        declaration.name().getParserPosition());
                sound = false;
                continue;
            }
            Optional<String> metadataKey = Optional.empty();
            if (declaration.metadataKey().isPresent()) {
                SqlNode key = declaration.metadataKey().get();
                String keyText = ((SqlLiteral) key).getValueAs(String.class);
                Optional<MetadataKey> offered = connector.flatMap(spec -> spec.metadataKey(keyText));
                if (offered.isEmpty()) {
                    error(connector.map(spec -> "Connector '" + spec.name() + "' provides no metadata '" + keyText
                                    + "' for column '" + column + "' of table '" + name + "'" + offeredKeys(spec))
                            .orElse("Memory table '" + name + "' has no connector to read metadata '" + keyText
                                    + "' from"), key.getParserPosition());
                    sound = false;
                    continue;
                }
                Optional<RelDataType> declared = type(declaration.type());
                // TEXT, VARCHAR and STRING are all VARCHAR.
                if (declared.isPresent() && declared.get().getSqlTypeName() != offered.get().type()) {
                    error("Metadata '" + keyText + "' of connector '" + connector.get().name() + "' is "
                            + offered.get().type().getName() + ": declare column '" + column + "' as "
                            + offered.get().type().getName(), declaration.type().getParserPosition());
                    sound = false;
                    continue;
                }
                metadataKey = Optional.of(keyText);
            }
            if (declaration.generatedAs().isPresent() && connector.isEmpty()) {
                error("Memory table '" + name + "' cannot have generated columns: its query computes every column",
                        declaration.generatedAs().get().getParserPosition());
                sound = false;
                continue;
            }
            Optional<RelDataType> type = type(declaration.type());
            if (type.isEmpty()) {
                sound = false;
                continue;
            }
            columns.add(new ColumnDefinition(column, type.get(), DialectNormalizer.isJson(declaration.type()),
                    declaration.generatedAs(), metadataKey));
        }
        return sound ? columns : null;
    }

    private static String offeredKeys(ConnectorSpec spec) {
        return spec.metadata().isEmpty()
                ? " (it offers no metadata)"
                : "; it offers " + spec.metadata().stream()
                        .map(key -> "'" + key.name() + "' (" + key.type().getName() + ", " + key.description() + ")")
                        .collect(Collectors.joining(", "));
    }

    private Optional<RelDataType> type(SqlDataTypeSpec written) {
        boolean nullable = !Boolean.FALSE.equals(written.getNullable());
        if (written.getTypeNameSpec() instanceof SqlRowTypeNameSpec row) {
            return rowType(written, row);
        }
        if (written.getTypeNameSpec() instanceof SqlCollectionTypeNameSpec collection
                && collection.getTypeName().getSimple().equalsIgnoreCase(SqlTypeName.ARRAY.getName())) {
            // Arrays of any column type (TEXT[] too): the element is checked like a column.
            return type(new SqlDataTypeSpec(collection.getElementTypeName(), written.getParserPosition()))
                    .map(element -> typeFactory.createTypeWithNullability(
                            typeFactory.createArrayType(element, -1), nullable));
        }
        if (DialectNormalizer.isNamed(written, "interval")) {
            // Arroyo's INTERVAL holds days and nanoseconds (months are rejected in windows anyway).
            return Optional.of(typeFactory.createTypeWithNullability(typeFactory.createSqlIntervalType(
                    new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, written.getParserPosition())), nullable));
        }
        SqlDataTypeSpec spec = DialectNormalizer.normalize(written);
        try {
            RelDataType type = spec.deriveType(validator, nullable);
            SchemaConverter.dataType(type);
            if (type.getSqlTypeName() == SqlTypeName.CHAR) {
                // CHAR(n) pads with blanks; streams carry text as written, like Arroyo's TEXT.
                type = typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.VARCHAR), nullable);
            }
            return Optional.of(type);
        } catch (SchemaConverter.UnsupportedTypeException e) {
            error(e.getMessage(), written.getParserPosition());
        } catch (RuntimeException e) {
            error("Unknown type " + written.getTypeName().toString().toUpperCase(Locale.ROOT) + "; "
                    + "supported types: TEXT, VARCHAR, BOOLEAN, TINYINT, SMALLINT, INT, BIGINT (also UNSIGNED),"
                    + " FLOAT, REAL, DOUBLE, DECIMAL(p, s), TIMESTAMP, DATE, TIME, INTERVAL, BYTEA, JSON,"
                    + " STRUCT<name TYPE, ...>, TYPE[]", written.getParserPosition());
        }
        return Optional.empty();
    }

    /**
     * A struct column, {@code ROW(name type, ...)}: each field's type is checked like a
     * column's (so Tributary's type names such as TEXT work inside it too); fields are
     * nullable unless declared NOT NULL, and so is the struct.
     */
    private Optional<RelDataType> rowType(SqlDataTypeSpec written, SqlRowTypeNameSpec row) {
        RelDataTypeFactory.Builder builder = typeFactory.builder();
        boolean sound = true;
        for (int i = 0; i < row.getFieldNames().size(); i++) {
            String field = row.getFieldNames().get(i).getSimple();
            if (builder.nameExists(field)) {
                error("Field '" + field + "' is declared twice in a ROW type",
                        row.getFieldNames().get(i).getParserPosition());
                sound = false;
                continue;
            }
            Optional<RelDataType> type = type(row.getFieldTypes().get(i));
            if (type.isEmpty()) {
                sound = false;
                continue;
            }
            builder.add(field, type.get());
        }
        if (!sound) {
            return Optional.empty();
        }
        boolean nullable = !Boolean.FALSE.equals(written.getNullable());
        return Optional.of(typeFactory.createTypeWithNullability(builder.build(), nullable));
    }

    private Optional<SqlWatermarkDeclaration> watermark(
            SqlCreateTable ddl, String name, ConnectorRole role, List<ColumnDefinition> columns) {
        List<SqlWatermarkDeclaration> watermarks = ddl.watermarks();
        if (watermarks.isEmpty()) {
            return Optional.empty();
        }
        if (watermarks.size() > 1) {
            error("Table '" + name + "' declares more than one WATERMARK", watermarks.get(1).getParserPosition());
        }
        SqlWatermarkDeclaration watermark = watermarks.getFirst();
        if (role != ConnectorRole.SOURCE) {
            error("Table '" + name + "' is a " + (role == ConnectorRole.SINK ? "sink" : "lookup table")
                    + "; a WATERMARK only applies to sources", watermark.getParserPosition());
            return Optional.empty();
        }
        Optional<Integer> column = column(columns, watermark.column().getSimple(),
                watermark.column().getParserPosition(), "WATERMARK FOR", name);
        return column.map(index -> watermark);
    }

    private Optional<Integer> eventTime(
            String name, List<ColumnDefinition> columns, Optional<SqlWatermarkDeclaration> watermark,
            Map<String, SqlTableOption> options) {
        Optional<Integer> fromWatermark = watermark.flatMap(w -> indexOf(columns, w.column().getSimple()));
        SqlTableOption option = options.get("event_time_field");
        if (option == null) {
            return fromWatermark;
        }
        Optional<Integer> fromOption = column(columns, option.value(), option.valueNode().getParserPosition(),
                "event_time_field", name);
        if (fromWatermark.isPresent() && fromOption.isPresent() && !fromWatermark.equals(fromOption)) {
            error("Table '" + name + "' has WATERMARK FOR " + columns.get(fromWatermark.get()).name()
                    + " but event_time_field = '" + option.value() + "'; they must name the same column",
                    option.getParserPosition());
        }
        return fromWatermark.or(() -> fromOption);
    }

    /** A TIMESTAMP column usable as event time, reported when missing or of another type. */
    private Optional<Integer> column(
            List<ColumnDefinition> columns, String column, SqlParserPos pos, String what, String table) {
        Optional<Integer> index = indexOf(columns, column);
        if (index.isEmpty()) {
            error(what + " names column '" + column + "', which table '" + table + "' does not have", pos);
            return Optional.empty();
        }
        RelDataType type = columns.get(index.get()).type();
        if (type.getSqlTypeName() != SqlTypeName.TIMESTAMP) {
            error(what + " needs a TIMESTAMP column, but '" + column + "' is "
                    + type.getSqlTypeName().getName(), pos);
            return Optional.empty();
        }
        return index;
    }

    private static Optional<Integer> indexOf(List<ColumnDefinition> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * A debezium_json source reads changes keyed by its PRIMARY KEY (as Arroyo requires); its rows are
     * updating, so generated columns (computed by a projection that would have to carry the changes)
     * are not offered.
     */
    private void changeSource(SqlCreateTable ddl, String name, List<ColumnDefinition> columns, List<String> primaryKey,
            SqlTableOption format) {
        if (ddl.primaryKeys().isEmpty()) {
            error("Table '" + name + "' reads format 'debezium_json', whose changes are keyed by the table's primary"
                    + " key: declare it, e.g. CREATE TABLE " + name + " (id INT PRIMARY KEY, ...) or PRIMARY KEY (id)",
                    format.valueNode().getParserPosition());
        }
        for (ColumnDefinition column : columns) {
            column.generatedAs().ifPresent(expression -> error("Table '" + name + "' reads format 'debezium_json';"
                    + " its column '" + column.name() + "' cannot be generated: compute it in the query that reads"
                    + " the table", expression.getParserPosition()));
        }
    }

    /**
     * A lookup table is read by key: its PRIMARY KEY is one TEXT column (Redis keys are strings),
     * filled with the key a row was found under (Arroyo writes it {@code METADATA FROM 'key'}).
     */
    private void lookupTable(SqlCreateTable ddl, String name, List<ColumnDefinition> columns, List<String> primaryKey,
            Map<String, SqlTableOption> options) {
        SqlParserPos at = ddl.name().getParserPosition();
        if (primaryKey.size() != 1) {
            error("Lookup table '" + name + "' needs a PRIMARY KEY of one TEXT column, the key rows are looked up by,"
                    + " e.g. CREATE TEMPORARY TABLE " + name + " (id TEXT METADATA FROM 'key' PRIMARY KEY, ...)"
                    + (primaryKey.isEmpty() ? "" : "; it has " + primaryKey.size() + " key columns"), at);
        } else {
            ColumnDefinition key = columns.get(indexOf(columns, primaryKey.getFirst()).orElseThrow());
            if (!SqlTypeName.CHAR_TYPES.contains(key.type().getSqlTypeName())) {
                error("The PRIMARY KEY '" + key.name() + "' of lookup table '" + name + "' must be TEXT (lookup keys"
                        + " are strings), not " + key.type().getSqlTypeName().getName(), at);
            }
        }
        for (SqlColumnDeclaration declaration : ddl.columns()) {
            String column = declaration.name().getSimple();
            if (declaration.metadataKey().isPresent() && primaryKey.stream().noneMatch(column::equalsIgnoreCase)) {
                error("Column '" + column + "' of lookup table '" + name + "' reads METADATA FROM 'key', so it must be"
                        + " the table's PRIMARY KEY: write " + column + " TEXT METADATA FROM 'key' PRIMARY KEY",
                        declaration.name().getParserPosition());
            }
            declaration.generatedAs().ifPresent(expression -> error("Lookup table '" + name + "' cannot have"
                    + " generated columns: compute '" + column + "' in the query that joins it",
                    expression.getParserPosition()));
        }
        SqlTableOption ttl = options.get(LookupTables.CACHE_TTL);
        if (ttl != null) {
            try {
                IntervalText.toLiteral(ttl.valueNode().getParserPosition(), 1, ttl.value());
            } catch (RuntimeException e) {
                error("Option '" + LookupTables.CACHE_TTL + "' of table '" + name + "' must be an interval, e.g."
                        + " interval '5 seconds', not '" + ttl.value() + "'", ttl.valueNode().getParserPosition());
            }
        }
        if (!options.containsKey("address") && !options.containsKey("connection_profile")) {
            error("Lookup table '" + name + "' needs the option 'address' (e.g. address = 'redis://127.0.0.1:6379')"
                    + " or a 'connection_profile'", at);
        }
    }

    private List<String> primaryKey(SqlCreateTable ddl, String name, List<ColumnDefinition> columns) {
        List<String> keys = new ArrayList<>();
        for (SqlPrimaryKey primaryKey : ddl.primaryKeys()) {
            for (SqlIdentifier column : primaryKey.columns()) {
                Optional<Integer> index = indexOf(columns, column.getSimple());
                if (index.isEmpty()) {
                    error("PRIMARY KEY names column '" + column.getSimple() + "', which table '" + name
                            + "' does not have", column.getParserPosition());
                } else {
                    keys.add(columns.get(index.get()).name());
                }
            }
        }
        return keys;
    }
}
