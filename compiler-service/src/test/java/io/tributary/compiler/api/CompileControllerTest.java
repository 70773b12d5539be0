package io.tributary.compiler.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.compiler.CompilerServiceApplication;
import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(classes = CompilerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=compiler", "tributary.compiler.artifact-dir=target/test-artifacts"})
class CompileControllerTest {
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void compilesAProgramByChainingItsOperators() throws Exception {
        LogicalProgram program = LogicalProgram.newBuilder()
                .addNodes(node(1, "source"))
                .addNodes(node(2, "sink"))
                .addEdges(Edge.newBuilder().setSourceNode(1).setTargetNode(2).setType(EdgeType.FORWARD))
                .build();

        HttpResponse<byte[]> response = post(program.toByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        LogicalProgram compiled = LogicalProgram.parseFrom(response.body());
        assertThat(compiled.getNodesList()).singleElement()
                .satisfies(node -> assertThat(node.getOperatorsCount()).isEqualTo(2));
    }

    @Test
    void bytesThatAreNotAProgramAreABadRequest() throws Exception {
        HttpResponse<byte[]> response = post(new byte[] {(byte) 0xff, (byte) 0xff, 0x01});

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("not a protobuf LogicalProgram");
    }

    @Test
    void anEmptyProgramIsABadRequest() throws Exception {
        HttpResponse<byte[]> response = post(new byte[0]);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("no operators");
    }

    private HttpResponse<byte[]> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/internal/v1/compile"))
                        .header("Content-Type", CompileController.PROTOBUF)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Node node(int id, String name) {
        return Node.newBuilder().setNodeId(id).setDescription(name).setParallelism(1)
                .addOperators(Operator.newBuilder().setOperatorId(name).setName(name))
                .build();
    }
}
