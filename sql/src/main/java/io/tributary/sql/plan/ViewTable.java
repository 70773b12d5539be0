package io.tributary.sql.plan;

import static java.util.Objects.requireNonNull;

import io.tributary.sql.catalog.ViewDefinition;
import java.util.function.Function;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A view as Calcite sees it: its row type for validation, and, when a query uses it, its own
 * query planned in place (Calcite inlines what {@link #toRel} returns), so a view costs
 * nothing at run time.
 */
final class ViewTable extends AbstractTable implements TranslatableTable {
    private final ViewDefinition view;
    private final Function<ViewDefinition, RelNode> expander;

    ViewTable(ViewDefinition view, Function<ViewDefinition, RelNode> expander) {
        this.view = requireNonNull(view, "view is null");
        this.expander = requireNonNull(expander, "expander is null");
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return view.rowType();
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
        return expander.apply(view);
    }
}
