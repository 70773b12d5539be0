package io.tributary.pipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.client.TributaryApiException;
import io.tributary.api.model.GlobalUdf;
import io.tributary.api.model.UdfPost;
import io.tributary.api.model.UdfValidationResult;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UdfApiTest extends ApiTestSupport {
    static String source(String function) {
        return "import io.tributary.api.udf.Udf;\npublic class F {\n  @Udf public static long " + function
                + "(long x) { return x; }\n}\n";
    }

    @Test
    void aValidUdfIsStoredWithItsJar() {
        GlobalUdf created = client.createUdf(new UdfPost("math", source("identity"), Optional.of("returns x")));

        assertThat(created.id()).startsWith("udf_");
        assertThat(created.name()).isEqualTo("identity");
        assertThat(created.dylibUrl()).endsWith(".jar");
        assertThat(client.listUdfs().data()).extracting(GlobalUdf::name).contains("identity");
        assertThatThrownBy(() -> client.createUdf(new UdfPost("", source("identity"), Optional.empty())))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        client.deleteUdf(created.id());
        assertThat(client.listUdfs().data()).extracting(GlobalUdf::id).doesNotContain(created.id());
    }

    @Test
    void queriesCallStoredUdfsByTheirSignatures() {
        GlobalUdf created = client.createUdf(new UdfPost("", source("plus_nothing"), Optional.empty()));
        String table = "CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '10');\n";

        assertThat(client.validateQuery(table + "SELECT plus_nothing(counter) AS same FROM impulse_source;").errors())
                .isEmpty();
        assertThat(client.validateQuery(table + "SELECT plus_nothing('text') FROM impulse_source;").errors())
                .singleElement().satisfies(error -> {
                    assertThat(error.message()).containsIgnoringCase("plus_nothing");
                    assertThat(error.span()).hasValueSatisfying(span -> assertThat(span.start().line()).isEqualTo(2));
                });
        // The fake compiler names every UDF's class F: two of them cannot run in one pipeline.
        GlobalUdf other = client.createUdf(new UdfPost("", source("minus_nothing"), Optional.empty()));
        assertThat(client.validateQuery(table + "SELECT plus_nothing(counter), minus_nothing(counter) FROM impulse_source;")
                .errors()).singleElement().satisfies(error -> assertThat(error.message())
                        .contains("'plus_nothing'", "'minus_nothing'", "class named F"));
        client.deleteUdf(other.id());
        client.deleteUdf(created.id());
        assertThat(client.validateQuery(table + "SELECT plus_nothing(counter) FROM impulse_source;").errors())
                .singleElement().satisfies(error -> assertThat(error.message()).containsIgnoringCase("plus_nothing"));
    }

    @Test
    void validationAnswersWithLocatedErrors() {
        UdfValidationResult result = client.validateUdf("public class F { long f() { return y; } }");

        assertThat(result.udfName()).isEmpty();
        assertThat(result.errors()).containsExactly("3:5: cannot find symbol");
        assertThat(result.diagnostics()).singleElement().satisfies(error -> assertThat(error.span()).isPresent());
        assertThat(client.validateUdf(source("ok")).udfName()).contains("ok");
    }

    @Test
    void invalidUdfsAndUnknownIdsAreRefused() throws Exception {
        assertThatThrownBy(() -> client.createUdf(new UdfPost("", "class Nothing {}", Optional.empty())))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("does not compile").contains("3:5");
                });
        assertThatThrownBy(() -> client.deleteUdf("udf_missing"))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        HttpResponse<String> missing = send("POST", "/api/v1/udfs", "{\"prefix\": \"p\"}");
        HttpResponse<String> wrongType = send("POST", "/api/v1/udfs/validate", "{\"definition\": {\"a\": 1}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("definition is null");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("definition");
    }
}
