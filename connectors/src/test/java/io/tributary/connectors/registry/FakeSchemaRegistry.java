package io.tributary.connectors.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a Confluent-compatible schema registry, serving exactly the calls Tributary makes
 * ({@code POST /subjects/{subject}/versions}, {@code GET /schemas/ids/{id}}) over loopback HTTP. No Confluent-compatible registry
 * server installs from Maven Central or Debian here (Confluent's and Apicurio's ship as container
 * images or distributions), so the tests talk to this one: it keeps what was registered, answers
 * the existing id for a schema registered again, and can be told to refuse a subject the way a
 * registry refuses an incompatible schema (HTTP 409 with a message).
 */
public final class FakeSchemaRegistry implements AutoCloseable {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** A registered schema, with the request's Authorization header. */
  public record Registered(String subject, String schemaType, String schema, int id, Optional<String> authorization) {}

  private final HttpServer server;
  private final List<Registered> registered = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Integer> ids = new LinkedHashMap<>();
  private volatile Optional<String> refusedSubject = Optional.empty();

  public FakeSchemaRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/subjects/", this::handle);
    server.createContext("/schemas/ids/", this::schemaById);
    server.start();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Registered> registered() {
    return List.copyOf(registered);
  }

  /** Answers registrations under {@code subject} with 409, as a registry does for an incompatible schema. */
  public void refuse(String subject) {
    refusedSubject = Optional.of(subject);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (!exchange.getRequestMethod().equals("POST") || !path.endsWith("/versions")) {
      answer(exchange, 404, "{\"error_code\":404,\"message\":\"Not found\"}");
      return;
    }
    String subject = URLDecoder.decode(path.substring("/subjects/".length(), path.length() - "/versions".length()),
        StandardCharsets.UTF_8);
    if (refusedSubject.filter(subject::equals).isPresent()) {
      answer(exchange, 409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an "
          + "earlier schema for subject \\\"" + subject + "\\\"\"}");
      return;
    }
    JsonNode body = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
    String type = body.path("schemaType").asString("AVRO");
    String schema = body.path("schema").asString();
    int id = ids.computeIfAbsent(type + "\n" + schema, key -> ids.size() + 1);
    registered.add(new Registered(subject, type, schema, id,
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
    answer(exchange, 200, "{\"id\":" + id + "}");
  }

  private synchronized void schemaById(HttpExchange exchange) throws IOException {
    int id = Integer.parseInt(exchange.getRequestURI().getPath().substring("/schemas/ids/".length()));
    Optional<Registered> found = registered.stream().filter(schema -> schema.id() == id).findFirst();
    if (found.isEmpty()) {
      answer(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema " + id + " not found\"}");
      return;
    }
    answer(exchange, 200, MAPPER.createObjectNode().put("schema", found.get().schema()).toString());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
