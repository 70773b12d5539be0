package io.tributary.sql.validate;

import io.tributary.sql.catalog.Catalog;
import io.tributary.sql.diagnostic.CalciteErrors;
import io.tributary.sql.diagnostic.PlanningException;
import io.tributary.sql.parser.TributaryConformance;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's validator and SQL-to-relational converter, set up once per query over the
 * query's catalog. Validators are created per statement because Calcite's keep state.
 */
public final class SqlEnvironment {
    private static final SqlOperatorTable OPERATORS = TributaryFunctions.OPERATOR_TABLE;

    private final JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl(TributaryTypeSystem.INSTANCE);
    private final Catalog catalog;
    private final CalciteCatalogReader catalogReader;
    private final RelOptCluster cluster;

    public SqlEnvironment() {
        this.catalog = new Catalog(CalciteSchema.createRootSchema(false, false));
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        this.catalogReader = new CalciteCatalogReader(
                catalog.schema(), List.of(), typeFactory, new CalciteConnectionConfigImpl(properties));
        this.cluster = RelOptCluster.create(
                new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
    }

    public Catalog catalog() {
        return catalog;
    }

    public RelDataTypeFactory typeFactory() {
        return typeFactory;
    }

    public RelOptCluster cluster() {
        return cluster;
    }

    /** Tributary's functions, with the catalog's UDFs in front of them. */
    public SqlOperatorTable operators() {
        if (catalog.udfs().isEmpty()) {
            return OPERATORS;
        }
        return SqlOperatorTables.chain(SqlOperatorTables.of(catalog.udfs().stream()
                .map(udf -> udf.aggregate().isPresent() ? new UdafFunction(udf) : new UdfFunction(udf)).toList()),
                OPERATORS);
    }

    public SqlValidator newValidator() {
        SqlValidator.Config config = SqlValidator.Config.DEFAULT
                .withConformance(TributaryConformance.INSTANCE)
                .withIdentifierExpansion(true);
        return SqlValidatorUtil.newValidator(operators(), catalogReader, typeFactory, config);
    }

    /** A statement the validator accepted, with the validator that knows its types. */
    public record Validated(SqlNode node, SqlValidator validator) {}

    /**
     * Validates a statement or query.
     *
     * @throws PlanningException located where Calcite found the problem, or at
     *     {@code fallback} when Calcite gave no position
     */
    public Validated validate(SqlNode node, SqlParserPos fallback) {
        SqlValidator validator = newValidator();
        try {
            return new Validated(validator.validate(node), validator);
        } catch (CalciteContextException e) {
            throw new PlanningException(List.of(CalciteErrors.fromContextException(e)));
        } catch (RuntimeException e) {
            throw new PlanningException(CalciteErrors.clean(e.getMessage()), fallback);
        }
    }

    public RelRoot toRel(Validated validated) {
        SqlToRelConverter converter = new SqlToRelConverter(
                null,
                validated.validator(),
                catalogReader,
                cluster,
                StandardConvertletTable.INSTANCE,
                SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false));
        return converter.convertQuery(validated.node(), false, true);
    }
}
