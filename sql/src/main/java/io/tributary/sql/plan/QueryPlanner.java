package io.tributary.sql.plan;

import io.tributary.proto.program.Expr;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.ProgramConfig;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.WatermarkOperator;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.catalog.Catalog;
import io.tributary.sql.catalog.ColumnDefinition;
import io.tributary.sql.catalog.TableDefinition;
import io.tributary.sql.catalog.ViewDefinition;
import io.tributary.sql.diagnostic.CalciteErrors;
import io.tributary.sql.diagnostic.Diagnostic;
import io.tributary.sql.diagnostic.PlanningException;
import io.tributary.sql.diagnostic.Severity;
import io.tributary.sql.diagnostic.SourceSpan;
import io.tributary.sql.explain.ProgramExplainer;
import io.tributary.sql.parser.IntervalText;
import io.tributary.sql.parser.SqlCreateTable;
import io.tributary.sql.parser.SqlCreateView;
import io.tributary.sql.parser.SqlExplainStatement;
import io.tributary.sql.parser.SqlWatermarkDeclaration;
import io.tributary.sql.parser.TributaryParser;
import io.tributary.sql.validate.SqlEnvironment;
import io.tributary.sql.validate.UnnestSyntax;
import io.tributary.sql.validate.UnsupportedFeatures;
import io.tributary.sql.validate.WindowSyntax;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.NlsString;

/**
 * Plans a whole query, statement by statement: DDL fills the catalog, INSERTs and SELECTs add
 * to one shared dataflow, SET adjusts the program's configuration. A failing statement is
 * reported and skipped, so one run reports the problems of every statement.
 */
public final class QueryPlanner {
    /** Watermarks are emitted this often; matches what Arroyo users see by default. */
    static final long WATERMARK_PERIOD_MICROS = 200_000L;
    static final String PREVIEW_CONNECTOR = "preview";
    /** The sink format that expresses changes (program.proto, "Updating streams"). */
    static final String DEBEZIUM_JSON = "debezium_json";
    private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']+)' not found");
    private static final Set<String> SETTINGS = Set.of("updating_ttl");

    private final PlannerOptions options;
    private final SqlEnvironment environment = new SqlEnvironment();
    private final Catalog catalog = environment.catalog();
    private final DataflowBuilder dataflow;
    private final RelToDataflow converter;
    private final Map<String, WatermarkOperator> watermarks = new HashMap<>();
    /** Per source table with generated columns: the projection computing its full row from what the connector reads. */
    private final Map<String, ProjectionOperator> virtualColumns = new HashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Tables whose CREATE failed: "not found" errors about them would only repeat that. */
    private final Set<String> brokenTables = new java.util.HashSet<>();
    /** Memory tables declared but not yet written, by lower-case name. */
    private final Map<String, MemoryTable> unwrittenMemoryTables = new LinkedHashMap<>();
    /** Where each written memory table was written (its INSERT or CREATE TABLE ... AS), by lower-case name. */
    private final Map<String, SqlParserPos> writtenMemoryTables = new HashMap<>();
    private long updatingTtlMicros;
    private int previews;
    /** The EXPLAIN statement, if the query has one: the outcome then carries the dataflow as text. */
    private Optional<SqlExplainStatement> explain = Optional.empty();

    private QueryPlanner(PlannerOptions options) {
        this.options = options;
        this.dataflow = new DataflowBuilder(options.defaultParallelism());
        this.converter = new RelToDataflow(dataflow, environment.cluster().getRexBuilder(), watermarks, virtualColumns);
        options.udfs().forEach(catalog::putUdf);
    }

    public static PlanOutcome plan(String query, PlannerOptions options) {
        return new QueryPlanner(options).planQuery(query);
    }

    private PlanOutcome planQuery(String query) {
        List<SqlNode> statements;
        try {
            statements = TributaryParser.parseStatements(query);
        } catch (PlanningException e) {
            return new PlanOutcome.Failed(e.diagnostics());
        }
        if (statements.isEmpty()) {
            return new PlanOutcome.Failed(List.of(Diagnostic.error(
                    "The query is empty: write CREATE TABLE, INSERT INTO ... SELECT or SELECT statements",
                    SourceSpan.beginning())));
        }
        boolean skipped = false;
        for (SqlNode statement : statements) {
            try {
                statement(statement);
            } catch (PlanningException e) {
                diagnostics.addAll(e.diagnostics());
            } catch (StatementSkipped e) {
                skipped = true;
            } catch (RelToDataflow.JoinException e) {
                diagnostics.add(Diagnostic.error(e.getMessage(), joinPosition(statement, e.ordinal())));
            } catch (RelToDataflow.WindowOverUpdatingException | RelToDataflow.WindowMismatchException e) {
                diagnostics.add(Diagnostic.error(e.getMessage(), windowPosition(statement)));
            } catch (RuntimeException e) {
                diagnostics.add(Diagnostic.error(userMessage(e), statement.getParserPosition()));
            }
        }
        List<Diagnostic> errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
        if (errors.isEmpty() && !skipped && !dataflow.hasSinks()) {
            return new PlanOutcome.Failed(List.of(Diagnostic.error(
                    "The query has nothing to run: add an INSERT INTO ... SELECT, or a SELECT to preview",
                    statements.getLast().getParserPosition())));
        }
        if (!errors.isEmpty()) {
            return new PlanOutcome.Failed(errors);
        }
        warnAboutUnreadSources();
        warnAboutUnwrittenMemoryTables();
        List<Diagnostic> warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).toList();
        ProgramConfig config = ProgramConfig.newBuilder().setUpdatingTtlMicros(updatingTtlMicros).build();
        LogicalProgram program = UdfReferences.attach(dataflow.build(config), catalog.udfs(), environment.typeFactory());
        return new PlanOutcome.Planned(program, warnings, explain.map(statement -> ProgramExplainer.explain(program)));
    }

    /**
     * Where the {@code ordinal}-th join of a statement (in pre-order, as the planner meets them) is
     * written: its JOIN keyword; the statement when it has no such join (e.g. the join is in a view).
     */
    private static SqlParserPos joinPosition(SqlNode statement, int ordinal) {
        List<SqlParserPos> positions = new ArrayList<>();
        statement.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
            @Override
            public Void visit(org.apache.calcite.sql.SqlCall call) {
                if (call instanceof org.apache.calcite.sql.SqlJoin join) {
                    SqlParserPos keyword = join.getJoinTypeNode().getParserPosition();
                    positions.add(keyword.equals(SqlParserPos.ZERO) ? join.getParserPosition() : keyword);
                }
                for (SqlNode operand : call.getOperandList()) {
                    if (operand != null) {
                        operand.accept(this);
                    }
                }
                return null;
            }
        });
        if (positions.isEmpty()) {
            return statement.getParserPosition();
        }
        return positions.get(ordinal < positions.size() ? ordinal : 0);
    }

    /**
     * Where a statement's first window is written: a tumble(...) / hop(...) / session(...) call or a
     * TUMBLE / HOP / SESSION table function; the statement when it has none (e.g. the window is in a view).
     */
    private static SqlParserPos windowPosition(SqlNode statement) {
        List<SqlParserPos> positions = new ArrayList<>();
        statement.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
            @Override
            public Void visit(org.apache.calcite.sql.SqlCall call) {
                String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
                if (io.tributary.sql.validate.WindowFunctions.kind(call.getOperator()).isPresent()
                        || Set.of("TUMBLE", "HOP", "SESSION").contains(name)) {
                    positions.add(call.getParserPosition());
                }
                for (SqlNode operand : call.getOperandList()) {
                    if (operand != null) {
                        operand.accept(this);
                    }
                }
                return null;
            }
        });
        return positions.isEmpty() ? statement.getParserPosition() : positions.getFirst();
    }

    /** Tributary's own exceptions already speak to users; anything else is a planner fault. */
    private static String userMessage(RuntimeException e) {
        boolean ours = e instanceof RelToDataflow.UnsupportedRelationException
                || e instanceof PlanShapeException
                || e instanceof RelToDataflow.SinkReadException
                || e instanceof RelToDataflow.WindowException
                || e instanceof RelToDataflow.SinkSchemaMismatchException
                || e instanceof ExprConverter.UnsupportedExpressionException
                || e instanceof SchemaConverter.UnsupportedTypeException;
        String message = CalciteErrors.clean(e.getMessage());
        return ours ? message : "The planner could not plan this statement: " + message;
    }

    private void statement(SqlNode statement) {
        switch (statement) {
            case SqlCreateTable create -> createTable(create);
            case SqlCreateView create -> createView(create);
            case SqlInsert insert -> insert(insert);
            case SqlExplainStatement explained -> explain(explained);
            case SqlSetOption set -> set(set);
            case SqlNode query when query.getKind().belongsTo(SqlKind.QUERY) -> select(query);
            default -> throw new PlanningException(
                    statement.getKind().sql + " statements are not supported; Tributary runs CREATE TABLE,"
                            + " CREATE VIEW, SET, INSERT INTO ... SELECT, SELECT and EXPLAIN",
                    statement.getParserPosition());
        }
    }

    /**
     * {@code EXPLAIN statement}: the statement is planned like any other, and the outcome carries the
     * whole dataflow as text. One per query, since there is one dataflow to show.
     */
    private void explain(SqlExplainStatement statement) {
        if (explain.isPresent()) {
            SqlParserPos first = explain.get().getParserPosition();
            throw new PlanningException("A query can hold one EXPLAIN (the first is at line " + first.getLineNum()
                    + ", column " + first.getColumnNum() + "): it shows the dataflow of the whole query",
                    statement.getParserPosition());
        }
        explain = Optional.of(statement);
        statement(statement.statement());
    }

    private boolean existsAlready(String name, boolean replace, boolean ifNotExists, SqlIdentifier at) {
        String key = name.toLowerCase(Locale.ROOT);
        boolean known = catalog.contains(name) || unwrittenMemoryTables.containsKey(key);
        if (!known || replace) {
            unwrittenMemoryTables.remove(key);
            writtenMemoryTables.remove(key);
            return false;
        }
        if (ifNotExists) {
            diagnostics.add(Diagnostic.warning(
                    "'" + name + "' already exists; this CREATE statement is ignored", at.getParserPosition()));
            return true;
        }
        throw new PlanningException("'" + name + "' already exists", at.getParserPosition());
    }

    private void createTable(SqlCreateTable create) {
        String name = TableDdl.simpleName(create.name());
        if (existsAlready(name, create.getReplace(), create.ifNotExists(), create.name())) {
            return;
        }
        if (create.query().isPresent()) {
            createTableAs(create, name, create.query().get());
            return;
        }
        if (create.options().isEmpty() && create.declaresColumns()) {
            createMemoryTable(create, name);
            return;
        }
        TableDdl.Result result = TableDdl.define(create, environment.typeFactory(), environment.newValidator(),
                options.profiles());
        diagnostics.addAll(result.diagnostics());
        if (result.table().isEmpty()) {
            brokenTables.add(name.toLowerCase(Locale.ROOT));
        }
        result.table().ifPresent(table -> {
            catalog.putTable(table);
            watermarks.remove(table.name());
            virtualColumns.remove(table.name());
            virtualColumns(table).ifPresent(projection -> virtualColumns.put(table.name(), projection));
            watermark(table).ifPresent(watermark -> watermarks.put(table.name(), watermark));
        });
    }

    /**
     * {@code CREATE TABLE name AS query}: a memory table written by its query at once; reading it
     * reads the query, as for a view.
     */
    private void createTableAs(SqlCreateTable create, String name, SqlNode query) {
        if (!create.options().isEmpty()) {
            throw new PlanningException("CREATE TABLE " + name + " WITH (...) AS is not supported: create the table"
                    + " with its connector, then write it with INSERT INTO " + name + " SELECT ...",
                    create.options().getFirst().getParserPosition());
        }
        if (create.declaresColumns()) {
            throw new PlanningException("CREATE TABLE " + name + " AS takes its columns from its query; remove the"
                    + " column list", create.name().getParserPosition());
        }
        defineView(name, query, Optional.empty(), create.name(), create.getParserPosition());
        writtenMemoryTables.put(name.toLowerCase(Locale.ROOT), create.getParserPosition());
    }

    /** {@code CREATE TABLE name (columns)} without WITH: a memory table, written later by one INSERT. */
    private void createMemoryTable(SqlCreateTable create, String name) {
        TableDdl.MemoryResult result = TableDdl.defineMemory(create, environment.typeFactory(), environment.newValidator());
        diagnostics.addAll(result.diagnostics());
        if (result.table().isEmpty()) {
            brokenTables.add(name.toLowerCase(Locale.ROOT));
        }
        result.table().ifPresent(table -> unwrittenMemoryTables.put(name.toLowerCase(Locale.ROOT), table));
    }

    private Optional<WatermarkOperator> watermark(TableDefinition table) {
        if (table.watermark().isEmpty() && table.watermarkField().isEmpty()) {
            return Optional.empty();
        }
        WatermarkOperator.Builder watermark = WatermarkOperator.newBuilder().setPeriodMicros(WATERMARK_PERIOD_MICROS);
        Optional<SqlNode> expression = table.watermark().flatMap(SqlWatermarkDeclaration::expression);
        if (expression.isPresent()) {
            watermark.setExpression(watermarkExpression(table, expression.get()));
        } else if (table.watermarkField().isPresent()) {
            String field = table.watermarkField().get();
            int index = IntStream.range(0, table.columns().size())
                    .filter(i -> table.columns().get(i).name().equalsIgnoreCase(field))
                    .findFirst()
                    .orElseThrow();
            if (table.eventTimeColumn().filter(column -> column == index).isEmpty()) {
                watermark.setExpression(Expr.newBuilder()
                        .setType(SchemaConverter.dataType(table.columns().get(index).type()))
                        .setNullable(table.columns().get(index).type().isNullable())
                        .setInputRef(index));
            }
        }
        Optional.ofNullable(table.options().get("idle_micros"))
                .map(Long::parseLong)
                .ifPresent(watermark::setIdleTimeMicros);
        return Optional.of(watermark.build());
    }

    /**
     * The projection that computes a source's generated columns (GENERATED ALWAYS AS) from the columns
     * its connector reads: those pass through, in the table's column order. Empty without generated columns.
     */
    private Optional<ProjectionOperator> virtualColumns(TableDefinition table) {
        if (table.columns().stream().noneMatch(ColumnDefinition::generated)) {
            return Optional.empty();
        }
        // Indexes of the full row among the columns the connector reads (-1: generated).
        int[] read = new int[table.columns().size()];
        int next = 0;
        for (int i = 0; i < read.length; i++) {
            read[i] = table.columns().get(i).generated() ? -1 : next++;
        }
        RexBuilder rexBuilder = environment.cluster().getRexBuilder();
        ExprConverter exprs = new ExprConverter(rexBuilder);
        ProjectionOperator.Builder projection = ProjectionOperator.newBuilder();
        for (int i = 0; i < read.length; i++) {
            ColumnDefinition column = table.columns().get(i);
            if (column.generatedAs().isEmpty()) {
                projection.addProjections(exprs.convert(rexBuilder.makeInputRef(column.type(), read[i])));
                continue;
            }
            SqlNode expression = column.generatedAs().get();
            RexNode rex = tableExpression(table, expression, "GENERATED ALWAYS AS");
            RexNode overRead = rex.accept(new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    if (read[ref.getIndex()] < 0) {
                        throw new PlanningException("Generated column '" + column.name() + "' uses generated column '"
                                + table.columns().get(ref.getIndex()).name() + "'; it can only use columns the"
                                + " connector reads", expression.getParserPosition());
                    }
                    return rexBuilder.makeInputRef(ref.getType(), read[ref.getIndex()]);
                }
            });
            if (!SqlTypeUtil.canCastFrom(column.type(), rex.getType(), true)) {
                throw new PlanningException("Generated column '" + column.name() + "' is "
                        + column.type().getSqlTypeName().getName() + ", but its expression is "
                        + rex.getType().getSqlTypeName().getName(), expression.getParserPosition());
            }
            RexNode value = SqlTypeUtil.equalSansNullability(environment.typeFactory(), column.type(), rex.getType())
                    ? overRead
                    : rexBuilder.makeCast(column.type(), overRead, true, false);
            projection.addProjections(exprs.convert(value));
            if (table.eventTimeColumn().equals(Optional.of(i))) {
                // The generated column is the event time: it becomes _timestamp here, not in the source.
                // A row for which it is NULL keeps the time its connector gave it.
                RexNode connectorTime = rexBuilder.makeInputRef(value.getType(), next);
                projection.setTimestamp(exprs.convert(
                        rexBuilder.makeCall(SqlStdOperatorTable.COALESCE, value, connectorTime)));
            }
        }
        return Optional.of(projection.build());
    }

    /**
     * Plans {@code SELECT expression FROM table}, so an expression of a CREATE TABLE (named by
     * {@code clause}) is checked like any query; the result reads the table's columns by index.
     */
    private RexNode tableExpression(TableDefinition table, SqlNode expression, String clause) {
        SqlParserPos pos = expression.getParserPosition();
        SqlSelect select = new SqlSelect(pos, null, SqlNodeList.of(SqlCopier.copy(expression)),
                new SqlIdentifier(table.name(), pos), null, null, null, null, null, null, null, null);
        SqlEnvironment.Validated validated = environment.validate(select, pos);
        RelNode rel = environment.toRel(validated).project();
        if (!(rel instanceof Project project) || project.getProjects().size() != 1) {
            throw new PlanningException("The " + clause + " expression must be a plain expression over the table's"
                    + " columns", pos);
        }
        return project.getProjects().getFirst();
    }

    private Expr watermarkExpression(TableDefinition table, SqlNode expression) {
        SqlParserPos pos = expression.getParserPosition();
        RexNode rex = tableExpression(table, expression, "WATERMARK");
        if (rex.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
            throw new PlanningException("The WATERMARK expression must be a TIMESTAMP, but this one is "
                    + rex.getType().getSqlTypeName().getName(), pos);
        }
        return new ExprConverter(environment.cluster().getRexBuilder()).convert(rex);
    }

    private void createView(SqlCreateView create) {
        String name = TableDdl.simpleName(create.name());
        if (existsAlready(name, create.getReplace(), false, create.name())) {
            return;
        }
        defineView(name, create.query(), create.columnNames(), create.name(), create.getParserPosition());
    }

    /** A view (or a table created AS a query): checked now, planned in place wherever it is read. */
    private void defineView(String name, SqlNode query, Optional<List<SqlIdentifier>> columnNames, SqlIdentifier at,
            SqlParserPos position) {
        rejectUnsupported(query);
        SqlNode pristine = SqlCopier.copy(query);
        SqlEnvironment.Validated validated = validate(SqlCopier.copy(query), position);
        RelDataType rowType = validated.validator().getValidatedNodeType(validated.node());
        if (columnNames.isPresent()) {
            List<SqlIdentifier> columns = columnNames.get();
            if (columns.size() != rowType.getFieldCount()) {
                throw new PlanningException("View '" + name + "' names " + columns.size()
                        + " columns but its query returns " + rowType.getFieldCount(), at.getParserPosition());
            }
            rowType = environment.typeFactory().createStructType(
                    rowType.getFieldList().stream().map(field -> field.getType()).toList(),
                    columns.stream().map(SqlIdentifier::getSimple).toList());
        }
        ViewDefinition view = new ViewDefinition(name, pristine, rowType, position);
        catalog.putView(view, new ViewTable(view, this::expandView));
    }

    private RelNode expandView(ViewDefinition view) {
        SqlEnvironment.Validated validated = validate(SqlCopier.copy(view.query()), view.position());
        RelNode rel = environment.toRel(validated).project();
        List<String> names = view.rowType().getFieldNames();
        if (!RelOptUtil.areRowTypesEqual(rel.getRowType(), view.rowType(), false)) {
            // A memory table's declared types differ from its query's: cast, as an INSERT would.
            return RelOptUtil.createCastRel(rel, view.rowType(), true);
        }
        if (rel.getRowType().getFieldNames().equals(names)) {
            return rel;
        }
        List<RexNode> refs = rel.getRowType().getFieldList().stream()
                .map(field -> (RexNode) new RexInputRef(field.getIndex(), field.getType()))
                .toList();
        return LogicalProject.create(rel, List.of(), refs, names, Set.of());
    }

    private void insert(SqlInsert insert) {
        if (!(insert.getTargetTable() instanceof SqlIdentifier target)) {
            throw new PlanningException("INSERT needs a table name", insert.getTargetTable().getParserPosition());
        }
        String name = TableDdl.simpleName(target);
        SqlParserPos at = target.getParserPosition();
        if (brokenTables.contains(name.toLowerCase(Locale.ROOT))) {
            throw new StatementSkipped();
        }
        SqlParserPos written = writtenMemoryTables.get(name.toLowerCase(Locale.ROOT));
        if (written != null) {
            throw new PlanningException("Memory table '" + name + "' is already written (at line " + written.getLineNum()
                    + ", column " + written.getColumnNum() + "); a memory table holds the rows of one query: combine"
                    + " the queries with UNION ALL", at);
        }
        MemoryTable memory = unwrittenMemoryTables.get(name.toLowerCase(Locale.ROOT));
        if (memory != null) {
            writeMemoryTable(memory, insert);
            return;
        }
        if (catalog.view(name).isPresent()) {
            throw new PlanningException("'" + name + "' is a view; INSERT needs a table created with a sink connector", at);
        }
        TableDefinition table = catalog.table(name).orElseThrow(() -> new PlanningException(
                "Table '" + name + "' not found; create it first, e.g. CREATE TABLE " + name
                        + " WITH (connector = 'stdout')", at));
        if (table.isSource()) {
            throw new PlanningException("Table " + table.describe() + " is a source and cannot be written to", at);
        }
        if (table.role() == io.tributary.sql.catalog.ConnectorRole.LOOKUP) {
            throw new PlanningException("Table '" + name + "' is a lookup table: a query can join it (LEFT JOIN " + name
                    + " ON ...) but not INSERT into it", at);
        }
        rejectUnsupported(insert.getSource());
        RelNode rel;
        List<String> names;
        if (table.schemaFromInsert()) {
            if (insert.getTargetColumnList() != null) {
                throw new PlanningException("Table '" + name + "' declares no columns, so this INSERT cannot name"
                        + " any: its columns are those of the query", insert.getTargetColumnList().getParserPosition());
            }
            SqlEnvironment.Validated validated = validate(insert.getSource(), insert.getParserPosition());
            RelRoot root = environment.toRel(validated);
            rel = root.project();
            names = root.validatedRowType.getFieldNames();
        } else {
            SqlEnvironment.Validated validated = validate(insert, insert.getParserPosition());
            RelNode modify = environment.toRel(validated).rel;
            rel = ((TableModify) modify).getInput();
            names = table.columns().stream().map(column -> column.name()).toList();
        }
        checkReservedNames(names, insert.getSource().getParserPosition());
        Stream stream = converter.plan(rel, names);
        if (options.preview()) {
            converter.sink(table.name(), PREVIEW_CONNECTOR, Map.of(), stream);
            return;
        }
        String format = table.options().get("format");
        boolean changelog = DEBEZIUM_JSON.equalsIgnoreCase(format);
        if (stream.updating() && !changelog) {
            throw new PlanningException(table.name() + " is an append-only sink ("
                    + (format != null ? "format '" + format + "'" : "connector '" + table.connector() + "'")
                    + ") but the query produces updates (" + converter.updatingReason() + "); use "
                    + (table.connector().equals("blackhole") ? "a sink with " : "") + "format = '" + DEBEZIUM_JSON
                    + "' or aggregate over a window", at);
        }
        if (changelog && !stream.updating()) {
            // A changelog sink always receives _is_retract: append-only rows are all additions.
            stream = converter.asUpdating(stream);
        }
        converter.sink(table.name(), table.connector(), table.options(), stream);
    }

    /**
     * The one INSERT into a memory table: its query, cast to the declared columns, becomes what every
     * later read of the table plans in its place.
     */
    private void writeMemoryTable(MemoryTable table, SqlInsert insert) {
        if (insert.getTargetColumnList() != null) {
            throw new PlanningException("An INSERT into memory table '" + table.name() + "' cannot name columns: its"
                    + " query gives all of them, in order", insert.getTargetColumnList().getParserPosition());
        }
        SqlNode query = insert.getSource();
        rejectUnsupported(query);
        SqlNode pristine = SqlCopier.copy(query);
        SqlEnvironment.Validated validated = validate(SqlCopier.copy(query), insert.getParserPosition());
        RelDataType produced = validated.validator().getValidatedNodeType(validated.node());
        RelDataType declared = table.rowType(environment.typeFactory());
        if (produced.getFieldCount() != declared.getFieldCount()) {
            throw new PlanningException("The query written into memory table '" + table.name() + "' returns "
                    + produced.getFieldCount() + " columns, but the table declares " + declared.getFieldCount() + " ("
                    + String.join(", ", declared.getFieldNames()) + ")", query.getParserPosition());
        }
        for (int i = 0; i < declared.getFieldCount(); i++) {
            RelDataType column = declared.getFieldList().get(i).getType();
            RelDataType value = produced.getFieldList().get(i).getType();
            if (!SqlTypeUtil.canAssignFrom(column, value)) {
                throw new PlanningException("Column '" + declared.getFieldNames().get(i) + "' of memory table '"
                        + table.name() + "' is " + column.getSqlTypeName().getName() + ", but the query gives it "
                        + value.getSqlTypeName().getName() + " (its column '" + produced.getFieldNames().get(i) + "')",
                        query.getParserPosition());
            }
        }
        unwrittenMemoryTables.remove(table.name().toLowerCase(Locale.ROOT));
        writtenMemoryTables.put(table.name().toLowerCase(Locale.ROOT), insert.getParserPosition());
        ViewDefinition view = new ViewDefinition(table.name(), pristine, declared, insert.getParserPosition());
        catalog.putView(view, new ViewTable(view, this::expandView));
    }

    private void select(SqlNode query) {
        rejectUnsupported(query);
        SqlEnvironment.Validated validated = validate(query, query.getParserPosition());
        RelRoot root = environment.toRel(validated);
        List<String> names = root.validatedRowType.getFieldNames();
        checkReservedNames(names, query.getParserPosition());
        Stream stream = converter.plan(root.project(), names);
        previews++;
        String table = previews == 1 ? "preview" : "preview_" + previews;
        converter.sink(table, PREVIEW_CONNECTOR, Map.of(), stream);
    }

    private void set(SqlSetOption set) {
        String name = String.join(".", set.getName().names).toLowerCase(Locale.ROOT);
        if (!SETTINGS.contains(name)) {
            throw new PlanningException("Unknown setting '" + name + "'; supported: "
                    + String.join(", ", SETTINGS.stream().sorted().toList()), set.getName().getParserPosition());
        }
        SqlNode value = set.getValue();
        if (value == null) {
            throw new PlanningException("RESET is not supported; SET " + name + " to a value", set.getParserPosition());
        }
        SqlIntervalLiteral interval = switch (value) {
            case SqlIntervalLiteral literal -> literal;
            case SqlCharStringLiteral text -> (SqlIntervalLiteral) IntervalText.toLiteral(
                    text.getParserPosition(), 1, text.getValueAs(NlsString.class).getValue());
            default -> throw new PlanningException(
                    "SET updating_ttl needs an interval, e.g. SET updating_ttl = INTERVAL '1 hour'",
                    value.getParserPosition());
        };
        if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(interval.getTypeName())) {
            throw new PlanningException("updating_ttl must be given in days or smaller units",
                    interval.getParserPosition());
        }
        long millis = SqlParserUtil.intervalToMillis(interval.getValueAs(SqlIntervalLiteral.IntervalValue.class));
        if (millis <= 0) {
            throw new PlanningException("updating_ttl must be positive", interval.getParserPosition());
        }
        updatingTtlMicros = millis * 1000;
        converter.setUpdatingTtlMicros(updatingTtlMicros);
    }

    /** Rewrites Arroyo's window and unnest syntax (in place), then reports what this version cannot plan. */
    private void rejectUnsupported(SqlNode query) {
        WindowSyntax.rewrite(query);
        List<Diagnostic> unsupported = new ArrayList<>(UnnestSyntax.rewrite(query));
        unsupported.addAll(UnsupportedFeatures.find(query, environment.operators(), catalog::table));
        unsupported.addAll(io.tributary.sql.validate.AsyncUdfPlacement.check(query, catalog.udfs()));
        if (!unsupported.isEmpty()) {
            throw new PlanningException(unsupported);
        }
    }

    /** Validates, explaining a read of a sink better than Calcite's "Object not found". */
    private SqlEnvironment.Validated validate(SqlNode node, SqlParserPos fallback) {
        try {
            return environment.validate(node, fallback);
        } catch (PlanningException e) {
            List<Diagnostic> explained = e.diagnostics().stream()
                    .filter(diagnostic -> !aboutBrokenTable(diagnostic))
                    .map(this::explainSinkRead)
                    .toList();
            throw explained.isEmpty() ? new StatementSkipped() : new PlanningException(explained);
        }
    }

    private boolean aboutBrokenTable(Diagnostic diagnostic) {
        Matcher matcher = OBJECT_NOT_FOUND.matcher(diagnostic.message());
        return matcher.find() && brokenTables.contains(matcher.group(1).toLowerCase(Locale.ROOT));
    }

    /** A statement that only failed because of an earlier, already reported error. */
    private static final class StatementSkipped extends RuntimeException {
        StatementSkipped() {
            super("skipped", null, false, false);
        }
    }

    private Diagnostic explainSinkRead(Diagnostic diagnostic) {
        Matcher matcher = OBJECT_NOT_FOUND.matcher(diagnostic.message());
        if (matcher.find()) {
            MemoryTable memory = unwrittenMemoryTables.get(matcher.group(1).toLowerCase(Locale.ROOT));
            if (memory != null) {
                return Diagnostic.error("Memory table '" + memory.name() + "' (a table without WITH) is read before"
                        + " an INSERT writes it: put INSERT INTO " + memory.name() + " SELECT ... before the statements"
                        + " that read it, or give it a connector with WITH (connector = '...')",
                        diagnostic.span());
            }
            Optional<TableDefinition> table = catalog.table(matcher.group(1));
            if (table.isPresent() && !table.get().isSource()) {
                return Diagnostic.error("Table " + table.get().describe() + " is a sink and cannot be read from",
                        diagnostic.span());
            }
        }
        return diagnostic;
    }

    private static void checkReservedNames(List<String> names, SqlParserPos pos) {
        if (names.stream().anyMatch(SchemaConverter.TIMESTAMP_FIELD::equalsIgnoreCase)) {
            throw new PlanningException("The column name '_timestamp' is reserved for the event time of rows;"
                    + " give the column another name", pos);
        }
        if (names.stream().anyMatch(SchemaConverter.RETRACT_FIELD::equalsIgnoreCase)) {
            throw new PlanningException("The column name '_is_retract' is reserved for marking retractions in"
                    + " updating results; give the column another name", pos);
        }
    }

    private void warnAboutUnwrittenMemoryTables() {
        for (MemoryTable table : unwrittenMemoryTables.values()) {
            diagnostics.add(Diagnostic.warning("Memory table '" + table.name() + "' is never written: add INSERT INTO "
                    + table.name() + " SELECT ...", table.position()));
        }
    }

    private void warnAboutUnreadSources() {
        Set<String> read = dataflow.nodes().stream()
                .filter(node -> node.getOperators(0).hasSource())
                .map(node -> node.getOperators(0).getSource().getTableName())
                .collect(Collectors.toSet());
        for (TableDefinition table : catalog.tables()) {
            if (table.isSource() && !read.contains(table.name())) {
                diagnostics.add(Diagnostic.warning("Table '" + table.name() + "' is created but never read",
                        table.position()));
            }
        }
    }
}
