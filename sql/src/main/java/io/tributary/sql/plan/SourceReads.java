package io.tributary.sql.plan;

import io.tributary.proto.program.Expr;
import io.tributary.proto.program.FieldPath;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexVisitorImpl;

/**
 * Projection pushdown: which columns, and which fields of struct columns, the operators over the
 * table scans of a plan read. A source then parses only those; the Nexmark table, say, holds a
 * person, an auction and a bid struct per line, and most queries read one of the three.
 *
 * <p>A scan read only by Calcs (the filter-then-project every Filter and Project becomes, see
 * {@link Optimizer}) reads what their expressions reference, {@code s.a} reading only field
 * {@code a} of struct column {@code s}; a window table function straight over a scan passes on
 * what is read of the table's columns, plus its DESCRIPTOR's. A scan under anything else reads
 * everything. One scan may feed several parents (the planner shares identical subtrees): it reads
 * what any of them reads.
 */
final class SourceReads {
    private SourceReads() {}

    /** A column or field read as a whole, or only the fields of it (by index) that are read. */
    static final class Tree {
        private boolean whole;
        private final Map<Integer, Tree> fields = new TreeMap<>();

        static Tree everything() {
            Tree tree = new Tree();
            tree.whole = true;
            return tree;
        }

        /** Marks the field at {@code path} (indexes from here down) as read as a whole. */
        void read(List<Integer> path) {
            Tree at = this;
            for (int index : path) {
                if (at.whole) {
                    return;
                }
                at = at.fields.computeIfAbsent(index, ignored -> new Tree());
            }
            at.whole = true;
            at.fields.clear();
        }

        void readAll(Tree other) {
            if (whole) {
                return;
            }
            if (other.whole) {
                whole = true;
                fields.clear();
                return;
            }
            other.fields.forEach((index, tree) -> fields.computeIfAbsent(index, ignored -> new Tree()).readAll(tree));
        }

        /** What this reads of its first {@code count} fields. */
        Tree below(int count) {
            Tree tree = new Tree();
            tree.whole = whole;
            fields.forEach((index, field) -> {
                if (index < count) {
                    tree.fields.put(index, field);
                }
            });
            return tree;
        }

        /** Marks what {@code tree} reads of field {@code index} below this one as read. */
        void readAt(int index, Tree tree) {
            if (!whole) {
                fields.computeIfAbsent(index, ignored -> new Tree()).readAll(tree);
            }
        }

        /** The column or field {@code index} below this one, if any of it is read. */
        Optional<Tree> field(int index) {
            return whole ? Optional.of(everything()) : Optional.ofNullable(fields.get(index));
        }

        /** The fields of {@code type} (a struct) that are not read, each as its path below {@code prefix}. */
        void unread(RelDataType type, List<Integer> prefix, List<FieldPath> out) {
            if (whole || !type.isStruct()) {
                return;
            }
            for (int i = 0; i < type.getFieldCount(); i++) {
                List<Integer> path = new ArrayList<>(prefix);
                path.add(i);
                Tree field = fields.get(i);
                if (field == null) {
                    out.add(FieldPath.newBuilder().addAllIndexes(path).build());
                } else {
                    field.unread(type.getFieldList().get(i).getType(), path, out);
                }
            }
        }
    }

    /** What is read of the columns of each scan of {@code root}; a scan not in the map reads everything. */
    static Map<TableScan, Tree> of(RelNode root) {
        Map<TableScan, Tree> reads = new IdentityHashMap<>();
        collect(root, reads);
        return reads;
    }

    private static void collect(RelNode rel, Map<TableScan, Tree> reads) {
        for (RelNode input : rel.getInputs()) {
            Optional<WindowTableFunction> window = WindowTableFunction.of(input);
            if (input instanceof TableScan scan) {
                reads.computeIfAbsent(scan, ignored -> new Tree()).readAll(readsOf(rel));
            } else if (window.isPresent() && window.get().input() instanceof TableScan scan) {
                // A window function returns its table's columns, then its own: what is read of the first is read of the table.
                Tree read = readsOf(rel).below(window.get().inputColumns());
                RelOptUtil.InputFinder.bits(window.get().call()).forEach(index -> read.read(List.of(index)));
                reads.computeIfAbsent(scan, ignored -> new Tree()).readAll(read);
            } else {
                collect(input, reads);
            }
        }
    }

    /** What {@code parent} reads of its only input's columns. */
    private static Tree readsOf(RelNode parent) {
        if (!(parent instanceof Calc calc)) {
            return Tree.everything();
        }
        RexProgram program = calc.getProgram();
        Tree tree = new Tree();
        RexVisitorImpl<Void> visitor = new RexVisitorImpl<>(true) {
            @Override
            public Void visitInputRef(RexInputRef ref) {
                tree.read(List.of(ref.getIndex()));
                return null;
            }

            @Override
            public Void visitFieldAccess(RexFieldAccess access) {
                List<Integer> path = new ArrayList<>();
                RexNode at = access;
                while (at instanceof RexFieldAccess field) {
                    path.addFirst(field.getField().getIndex());
                    at = field.getReferenceExpr();
                }
                if (at instanceof RexInputRef ref) {
                    path.addFirst(ref.getIndex());
                    tree.read(path);
                    return null;
                }
                return at.accept(this);
            }
        };
        program.getProjectList().forEach(ref -> program.expandLocalRef(ref).accept(visitor));
        if (program.getCondition() != null) {
            program.expandLocalRef(program.getCondition()).accept(visitor);
        }
        return tree;
    }

    /** The columns {@code expr} references (input refs), each added to {@code out}. */
    static void columnsOf(Expr expr, List<Integer> out) {
        switch (expr.getKindCase()) {
            case INPUT_REF -> out.add(expr.getInputRef());
            case CALL -> expr.getCall().getOperandsList().forEach(operand -> columnsOf(operand, out));
            default -> {
                // literals reference nothing
            }
        }
    }

    /**
     * The paths unread by both of two sources' readers, given as their unread paths: where one
     * reads a field the other leaves, the field is read.
     */
    static List<FieldPath> unreadByBoth(List<FieldPath> first, List<FieldPath> second) {
        List<FieldPath> both = new ArrayList<>();
        for (FieldPath path : first) {
            if (covers(second, path)) {
                both.add(path);
            }
        }
        for (FieldPath path : second) {
            if (covers(first, path) && !covers(both, path)) {
                both.add(path);
            }
        }
        return both;
    }

    /** Whether {@code path} lies in (or is) one of {@code paths}. */
    private static boolean covers(List<FieldPath> paths, FieldPath path) {
        for (FieldPath candidate : paths) {
            List<Integer> prefix = candidate.getIndexesList();
            if (prefix.size() <= path.getIndexesCount() && path.getIndexesList().subList(0, prefix.size()).equals(prefix)) {
                return true;
            }
        }
        return false;
    }
}
