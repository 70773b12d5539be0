package io.tributary.sql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.LogicalProgram;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import io.tributary.sql.catalog.ConnectionProfileResolver;
import io.tributary.sql.diagnostic.Diagnostic;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A table's {@code connection_profile} brings the profile's settings into its options at planning time. */
class ConnectionProfilePlanningTest {
    private static final ConnectionProfileResolver PROFILES = name -> switch (name) {
        case "prod" -> Optional.of(new ConnectionProfileResolver.Profile("kafka", Map.of(
                "bootstrap_servers", "broker:9092", "auth.type", "sasl", "auth.password", "s3cret")));
        case "cache" -> Optional.of(new ConnectionProfileResolver.Profile("redis", Map.of("address", "redis://r:6379")));
        default -> Optional.empty();
    };

    private static PlanOutcome plan(String profile, String moreOptions) {
        return TributarySql.plan("""
                CREATE TABLE orders (id BIGINT) WITH (connector = 'kafka', topic = 'orders', type = 'source',
                    connection_profile = '%s'%s);
                SELECT id FROM orders;
                """.formatted(profile, moreOptions), PlannerOptions.defaults().withProfiles(PROFILES));
    }

    private static Map<String, String> sourceOptions(PlanOutcome outcome) {
        assertThat(outcome).isInstanceOf(PlanOutcome.Planned.class);
        LogicalProgram program = ((PlanOutcome.Planned) outcome).program();
        return program.getNodesList().stream()
                .map(node -> node.getOperators(0))
                .filter(operator -> operator.hasSource())
                .findFirst()
                .orElseThrow()
                .getSource()
                .getOptionsMap();
    }

    @Test
    void theProfilesSettingsJoinTheTablesOptionsWhichWin() {
        Map<String, String> options = sourceOptions(plan("prod", ", bootstrap_servers = 'other:9092'"));
        assertThat(options)
                .containsEntry("topic", "orders")
                .containsEntry("bootstrap_servers", "other:9092")
                .containsEntry("auth.type", "sasl")
                .containsEntry("auth.password", "s3cret");
    }

    @Test
    void anUnknownProfileIsAnErrorAtItsName() {
        PlanOutcome outcome = plan("staging", "");
        assertThat(outcome).isInstanceOf(PlanOutcome.Failed.class);
        Diagnostic error = ((PlanOutcome.Failed) outcome).errors().getFirst();
        assertThat(error.message()).startsWith("Unknown connection profile 'staging' for table 'orders'");
        assertThat(error.span().start().line()).isEqualTo(2);
        assertThat(error.span().start().column()).isEqualTo(26);
    }

    @Test
    void aProfileOfAnotherConnectorIsAnError() {
        PlanOutcome outcome = plan("cache", "");
        assertThat(outcome).isInstanceOf(PlanOutcome.Failed.class);
        assertThat(((PlanOutcome.Failed) outcome).errors()).extracting(Diagnostic::message)
                .containsExactly("Connection profile 'cache' is for connector 'redis', not 'kafka' of table 'orders'");
    }

    @Test
    void withoutAResolverTheOptionIsPassedAsWritten() {
        PlanOutcome outcome = TributarySql.plan("""
                CREATE TABLE orders (id BIGINT) WITH (connector = 'kafka', topic = 'orders', type = 'source',
                    connection_profile = 'prod');
                SELECT id FROM orders;
                """, PlannerOptions.defaults());
        assertThat(sourceOptions(outcome)).containsEntry("connection_profile", "prod").doesNotContainKey("auth.type");
    }
}
