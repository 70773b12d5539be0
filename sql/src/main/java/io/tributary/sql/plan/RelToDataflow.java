package io.tributary.sql.plan;

import static java.util.Objects.requireNonNull;

import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SinkOperator;
import io.tributary.proto.program.SourceOperator;
import io.tributary.proto.program.WatermarkOperator;
import io.tributary.sql.catalog.CatalogTable;
import io.tributary.sql.catalog.ColumnDefinition;
import io.tributary.sql.catalog.TableDefinition;
import io.tributary.sql.explain.ExprFormatter;
import io.tributary.sql.explain.TypeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Turns an optimised relational plan into dataflow nodes: table scans become sources (plus a
 * watermark node when the table declares one), Calc/Project/Filter become projections, UNION
 * ALL becomes a projection node with several inputs. Anything else is rejected; the SQL-level
 * check reports those earlier with better positions, this is the safety net.
 */
final class RelToDataflow {
    private final DataflowBuilder dataflow;
    private final ExprConverter exprs;
    private final RexBuilder rexBuilder;
    private final Map<String, WatermarkOperator> watermarks;

    RelToDataflow(DataflowBuilder dataflow, RexBuilder rexBuilder, Map<String, WatermarkOperator> watermarks) {
        this.dataflow = requireNonNull(dataflow, "dataflow is null");
        this.rexBuilder = requireNonNull(rexBuilder, "rexBuilder is null");
        this.exprs = new ExprConverter(rexBuilder);
        this.watermarks = requireNonNull(watermarks, "watermarks is null");
    }

    /** Plans {@code rel} and names its output columns {@code names}. */
    Stream plan(RelNode rel, List<String> names) {
        return named(convert(Optimizer.optimize(rel)), names);
    }

    private Stream convert(RelNode rel) {
        return switch (rel) {
            case TableScan scan -> source(scan);
            case Calc calc -> {
                RexProgram program = calc.getProgram();
                Optional<RexNode> condition = Optional.ofNullable(program.getCondition())
                        .map(program::expandLocalRef);
                List<RexNode> projects = program.getProjectList().stream()
                        .map(program::expandLocalRef)
                        .map(RexNode.class::cast)
                        .toList();
                yield projection(convert(calc.getInput()), condition, projects, calc.getRowType());
            }
            case Project project -> projection(convert(project.getInput()), Optional.empty(),
                    project.getProjects(), project.getRowType());
            case Filter filter -> projection(convert(filter.getInput()), Optional.of(filter.getCondition()),
                    identity(filter.getInput().getRowType()), filter.getRowType());
            case Union union when union.all -> union(union);
            default -> throw new UnsupportedRelationException(rel);
        };
    }

    private Stream source(TableScan scan) {
        CatalogTable table = scan.getTable().unwrap(CatalogTable.class);
        if (table == null) {
            throw new UnsupportedRelationException(scan);
        }
        TableDefinition definition = table.definition();
        if (!definition.isSource()) {
            throw new SinkReadException(definition);
        }
        Schema.Builder schema = Schema.newBuilder();
        for (ColumnDefinition column : definition.columns()) {
            Field field = SchemaConverter.field(column.name(), column.type());
            if (column.json()) {
                field = field.toBuilder().setType(field.getType().toBuilder()
                        .setKind(io.tributary.proto.program.TypeKind.JSON)).build();
            }
            schema.addFields(field);
        }
        schema.addFields(SchemaConverter.timestampField());
        SourceOperator.Builder source = SourceOperator.newBuilder()
                .setTableName(definition.name())
                .setConnector(definition.connector())
                .putAllOptions(definition.options());
        definition.eventTimeColumn().ifPresent(source::setEventTimeField);
        Operator.Builder operator = Operator.newBuilder()
                .setName("source")
                .setOutputSchema(schema)
                .setSource(source);
        String id = OperatorIds.of("source", definition.name(), List.of());
        Stream stream = dataflow.add(id,
                "source " + definition.name() + " (" + definition.connector() + ")", operator, List.of());
        WatermarkOperator watermark = watermarks.get(definition.name());
        if (watermark == null) {
            return stream;
        }
        Operator.Builder watermarkOperator = Operator.newBuilder()
                .setName("watermark")
                .setOutputSchema(stream.schema())
                .setWatermark(watermark);
        String description = watermark.hasExpression()
                ? "watermark " + ExprFormatter.format(watermark.getExpression(), stream.schema().getFieldsList())
                : "watermark _timestamp";
        return dataflow.add(
                OperatorIds.of("watermark", watermark.toByteArray(), List.of(stream.operatorId())),
                description, watermarkOperator, List.of(stream));
    }

    private List<RexNode> identity(RelDataType rowType) {
        List<RexNode> refs = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            refs.add(new RexInputRef(field.getIndex(), field.getType()));
        }
        return refs;
    }

    private Stream projection(Stream input, Optional<RexNode> condition, List<RexNode> projects, RelDataType rowType) {
        ProjectionOperator.Builder projection = ProjectionOperator.newBuilder();
        condition.map(exprs::convert).ifPresent(projection::setCondition);
        projects.stream().map(exprs::convert).forEach(projection::addProjections);
        Schema schema = SchemaConverter.streamSchema(rowType);
        return addProjection(input, projection.build(), schema, List.of(input));
    }

    private Stream addProjection(Stream input, ProjectionOperator projection, Schema schema, List<Stream> inputs) {
        Operator.Builder operator = Operator.newBuilder()
                .setName("projection")
                .setOutputSchema(schema)
                .setProjection(projection);
        byte[] identity = operator.clone().clearName().build().toByteArray();
        String id = OperatorIds.of("projection", identity,
                inputs.stream().map(Stream::operatorId).toList());
        return dataflow.add(id, describe(projection, schema, input), operator, inputs);
    }

    private static String describe(ProjectionOperator projection, Schema output, Stream input) {
        List<Field> fields = input.schema().getFieldsList();
        StringBuilder text = new StringBuilder("projection ");
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < projection.getProjectionsCount(); i++) {
            Expr expr = projection.getProjections(i);
            String name = output.getFields(i).getName();
            String rendered = ExprFormatter.format(expr, fields);
            columns.add(rendered.equals(ExprFormatter.name(name)) ? rendered : rendered + " AS " + ExprFormatter.name(name));
        }
        text.append(String.join(", ", columns));
        if (projection.hasCondition()) {
            text.append(" WHERE ").append(ExprFormatter.format(projection.getCondition(), fields));
        }
        return text.toString();
    }

    private Stream union(Union union) {
        RelDataType rowType = union.getRowType();
        List<Stream> inputs = new ArrayList<>();
        for (RelNode input : union.getInputs()) {
            Stream stream = convert(input);
            if (!sameTypesIgnoringNullability(input.getRowType(), rowType)) {
                List<RexNode> casts = new ArrayList<>();
                for (RelDataTypeField field : rowType.getFieldList()) {
                    RelDataType from = input.getRowType().getFieldList().get(field.getIndex()).getType();
                    casts.add(rexBuilder.makeCast(field.getType(), new RexInputRef(field.getIndex(), from)));
                }
                stream = projection(stream, Optional.empty(), casts, rowType);
            }
            inputs.add(stream);
        }
        ProjectionOperator.Builder identity = ProjectionOperator.newBuilder();
        identity(rowType).stream().map(exprs::convert).forEach(identity::addProjections);
        Schema schema = SchemaConverter.streamSchema(rowType);
        Operator.Builder operator = Operator.newBuilder()
                .setName("projection")
                .setOutputSchema(schema)
                .setProjection(identity);
        String id = OperatorIds.of("union", schema.toByteArray(), inputs.stream().map(Stream::operatorId).toList());
        return dataflow.add(id, "union of " + inputs.size() + " inputs", operator, inputs);
    }

    private static boolean sameTypesIgnoringNullability(RelDataType a, RelDataType b) {
        if (a.getFieldCount() != b.getFieldCount()) {
            return false;
        }
        for (int i = 0; i < a.getFieldCount(); i++) {
            if (!SqlTypeUtil.equalSansNullability(a.getFieldList().get(i).getType(), b.getFieldList().get(i).getType())) {
                return false;
            }
        }
        return true;
    }

    /** Gives the stream's columns the names the user chose, with an identity projection if needed. */
    private Stream named(Stream stream, List<String> names) {
        if (stream.columnNames().equals(names)) {
            return stream;
        }
        ProjectionOperator.Builder projection = ProjectionOperator.newBuilder();
        Schema.Builder schema = Schema.newBuilder();
        List<Field> columns = stream.columns();
        for (int i = 0; i < columns.size(); i++) {
            Field column = columns.get(i);
            projection.addProjections(Expr.newBuilder()
                    .setType(column.getType())
                    .setNullable(column.getNullable())
                    .setInputRef(i));
            schema.addFields(column.toBuilder().setName(names.get(i)));
        }
        schema.addFields(SchemaConverter.timestampField());
        return addProjection(stream, projection.build(), schema.build(), List.of(stream));
    }

    /** Adds (or extends, when several INSERTs write to it) the sink of {@code table}. */
    Stream sink(String table, String connector, Map<String, String> options, Stream input) {
        String id = OperatorIds.of("sink", table, List.of());
        Optional<Stream> existing = dataflow.existing(id);
        if (existing.isPresent()) {
            Stream sink = existing.get();
            if (!compatible(sink.schema(), input.schema())) {
                throw new SinkSchemaMismatchException(table, sink.schema(), input.schema());
            }
            dataflow.connect(input, sink);
            return sink;
        }
        Operator.Builder operator = Operator.newBuilder()
                .setName("sink")
                .setOutputSchema(input.schema())
                .setSink(SinkOperator.newBuilder()
                        .setTableName(table)
                        .setConnector(connector)
                        .putAllOptions(options));
        return dataflow.add(id, "sink " + table + " (" + connector + ")", operator, List.of(input));
    }

    private static boolean compatible(Schema a, Schema b) {
        if (a.getFieldsCount() != b.getFieldsCount()) {
            return false;
        }
        for (int i = 0; i < a.getFieldsCount(); i++) {
            Field x = a.getFields(i);
            Field y = b.getFields(i);
            if (!x.getName().equals(y.getName()) || !x.getType().equals(y.getType())) {
                return false;
            }
        }
        return true;
    }

    /** A relational operator this version cannot turn into dataflow. */
    static final class UnsupportedRelationException extends RuntimeException {
        UnsupportedRelationException(RelNode rel) {
            super(describe(rel) + " is not supported by this version of Tributary's planner", null, false, false);
        }

        private static String describe(RelNode rel) {
            String type = rel.getRelTypeName().replaceFirst("^Logical", "");
            return switch (type) {
                case "Aggregate" -> "Aggregation (GROUP BY, DISTINCT, aggregate functions)";
                case "Join", "Correlate" -> "JOIN";
                case "Sort" -> "ORDER BY / LIMIT";
                case "Values" -> "A query without a table (VALUES)";
                case "Window" -> "A window function (OVER)";
                case "Union" -> "UNION without ALL";
                default -> "The operation " + type;
            };
        }
    }

    /** A query reads from a table that is a sink. */
    static final class SinkReadException extends RuntimeException {
        SinkReadException(TableDefinition table) {
            super("Table " + table.describe() + " is a sink and cannot be read from", null, false, false);
        }
    }

    /** Two INSERTs into one sink produce different rows. */
    static final class SinkSchemaMismatchException extends RuntimeException {
        SinkSchemaMismatchException(String table, Schema existing, Schema inserted) {
            super("This INSERT into '" + table + "' produces (" + render(inserted)
                    + ") but an earlier INSERT into it produces (" + render(existing) + ")", null, false, false);
        }

        private static String render(Schema schema) {
            return schema.getFieldsList().subList(0, schema.getFieldsCount() - 1).stream()
                    .map(TypeNames::field)
                    .collect(Collectors.joining(", "));
        }
    }
}
