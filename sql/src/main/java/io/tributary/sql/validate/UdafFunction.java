package io.tributary.sql.validate;

import static java.util.Objects.requireNonNull;

import io.tributary.sql.catalog.UdfDefinition;
import java.util.Locale;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.util.Optionality;

/**
 * An aggregate UDF as Calcite's validator sees it: one operand of its argument's type family
 * (checked as {@link UdfFunction}'s are, so a wrong count or type is a located error naming it),
 * and a result that is always nullable, as the UDAF's Java result is a reference type.
 */
public final class UdafFunction extends SqlAggFunction {
    private final UdfDefinition definition;

    public UdafFunction(UdfDefinition definition) {
        super(requireNonNull(definition, "definition is null").name().toUpperCase(Locale.ROOT), null,
                SqlKind.OTHER_FUNCTION,
                ReturnTypes.explicit(definition.result().type()).andThen(SqlTypeTransforms.FORCE_NULLABLE), null,
                UdfFunction.ExactFamilies.of(definition), SqlFunctionCategory.USER_DEFINED_FUNCTION, false, false,
                Optionality.FORBIDDEN);
        if (definition.aggregate().isEmpty()) {
            throw new IllegalArgumentException("UDF '" + definition.name() + "' is not an aggregate");
        }
        this.definition = definition;
    }

    public UdfDefinition definition() {
        return definition;
    }

    /** Whether it can take values out again: needed by an updating aggregate over changing input. */
    public boolean retracts() {
        return definition.aggregate().orElseThrow().retracts();
    }

    /** The call's name in the program, as for scalar UDFs: {@code UDF:} and the lower-case name. */
    public String callName() {
        return UdfFunction.CALL_PREFIX + definition.name().toLowerCase(Locale.ROOT);
    }
}
