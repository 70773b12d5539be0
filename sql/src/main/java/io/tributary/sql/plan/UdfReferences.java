package io.tributary.sql.plan;

import com.google.protobuf.Message;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.AsyncUdfOperator;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.UdfDefinition;
import io.tributary.sql.catalog.UdfDefinition.UdfType;
import io.tributary.sql.validate.UdfFunction;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * Adds to a program the definitions of the UDFs its expressions call (and only those), so that
 * workers know which jars to load.
 */
final class UdfReferences {
    private UdfReferences() {}

    static LogicalProgram attach(LogicalProgram program, Collection<io.tributary.sql.catalog.UdfDefinition> udfs,
            RelDataTypeFactory types) {
        if (udfs.isEmpty()) {
            return program;
        }
        Set<String> called = new TreeSet<>();
        collect(program, called);
        LogicalProgram.Builder builder = program.toBuilder();
        for (var udf : udfs) {
            String name = udf.name().toLowerCase(Locale.ROOT);
            if (called.contains(UdfFunction.CALL_PREFIX + name)) {
                UdfDefinition.Builder definition = UdfDefinition.newBuilder()
                        .setName(name)
                        .setArtifactUrl(udf.artifactUrl())
                        .setHash(udf.hash())
                        .setClassName(udf.className())
                        .setMethod(udf.method())
                        .setResult(SchemaConverter.dataType(types.createSqlType(udf.result().type())))
                        .setResultNullable(udf.result().nullable())
                        .setAggregate(udf.aggregate().isPresent());
                for (UdfType argument : udf.arguments()) {
                    definition.addArguments(SchemaConverter.dataType(types.createSqlType(argument.type())));
                }
                builder.addUdfs(definition);
            }
        }
        return builder.build();
    }

    /** Every call name anywhere in the program: expressions sit in several kinds of operator. */
    private static void collect(Message message, Set<String> called) {
        if (message instanceof Call call) {
            called.add(call.getFunction());
        }
        if (message instanceof AggregateCall aggregate) {
            called.add(aggregate.getFunction());
        }
        if (message instanceof AsyncUdfOperator async) {
            called.add(UdfFunction.CALL_PREFIX + async.getUdf());
        }
        message.getAllFields().forEach((field, value) -> {
            if (value instanceof Message nested) {
                collect(nested, called);
            } else if (value instanceof Collection<?> values) {
                values.stream().filter(Message.class::isInstance).forEach(nested -> collect((Message) nested, called));
            }
        });
    }
}
