package io.tributary.connectors.registry;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.connector.ConnectorOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calls of Confluent's Schema Registry REST API that Tributary makes (also served by
 * compatible registries such as Apicurio's ccompat API): registering a schema under a subject
 * ({@code POST /subjects/{subject}/versions}, which answers the id of the existing schema when it
 * is registered already) and fetching a schema by id ({@code GET /schemas/ids/{id}}).
 *
 * @param endpoint the registry's base URL ({@code schema_registry.endpoint})
 * @param credentials {@code key:secret} for HTTP basic authentication, if configured
 */
public record SchemaRegistryClient(URI endpoint, Optional<String> credentials) {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** The kinds of schema a subject holds. */
  public enum SchemaType {
    AVRO,
    JSON
  }

  public SchemaRegistryClient {
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(credentials, "credentials is null");
  }

  /** The registry a table's options name ({@code schema_registry.endpoint}), if any. */
  public static Optional<SchemaRegistryClient> of(ConnectorOptions options) {
    return options.string("schema_registry.endpoint").map(endpoint -> {
      URI uri;
      try {
        uri = URI.create(endpoint.trim().replaceAll("/+$", ""));
      } catch (IllegalArgumentException e) {
        throw new SchemaRegistryException("option 'schema_registry.endpoint' of table " + options.tableName()
            + " is not a URL: '" + endpoint + "'");
      }
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
        throw new SchemaRegistryException("option 'schema_registry.endpoint' of table " + options.tableName()
            + " must be an http(s) URL, not '" + endpoint + "'");
      }
      Optional<String> credentials = options.string("schema_registry.api_key")
          .map(key -> key + ":" + options.string("schema_registry.api_secret").orElse(""));
      return new SchemaRegistryClient(uri, credentials);
    });
  }

  /** The subject of a topic's values (Confluent's TopicNameStrategy). */
  public static String valueSubject(String topic) {
    return topic + "-value";
  }

  /**
   * Registers {@code schema} under {@code subject} and answers its id.
   *
   * @throws SchemaRegistryException naming the endpoint and subject, with the registry's message
   */
  public int register(String subject, SchemaType type, String schema) {
    String body = MAPPER.createObjectNode().put("schema", schema).put("schemaType", type.name()).toString();
    JsonNode answer = send("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions",
        HttpRequest.BodyPublishers.ofString(body),
        "cannot register the schema of subject '" + subject + "' with the schema registry at " + endpoint);
    if (!answer.path("id").canConvertToInt()) {
      throw new SchemaRegistryException("cannot register the schema of subject '" + subject
          + "' with the schema registry at " + endpoint + ": the answer has no schema id");
    }
    return answer.path("id").asInt();
  }

  /** The text of the schema with id {@code id} (what a framed value names). */
  public String schema(int id) {
    String what = "cannot fetch schema " + id + " from the schema registry at " + endpoint;
    JsonNode answer = send("/schemas/ids/" + id, null, what);
    if (!answer.path("schema").isString()) {
      throw new SchemaRegistryException(what + ": the answer has no schema");
    }
    return answer.path("schema").asString();
  }

  /** GET (no body) or POST {@code body} to {@code path}; the answer's JSON, or an error starting with {@code what}. */
  private JsonNode send(String path, HttpRequest.BodyPublisher body, String what) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path))
        .timeout(TIMEOUT)
        .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/vnd.schemaregistry.v1+json").POST(body);
    }
    credentials.ifPresent(value -> request.header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SchemaRegistryException(what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(what + ": interrupted", e);
    }
    JsonNode answer;
    try {
      answer = MAPPER.readTree(response.body());
    } catch (JacksonException e) {
      answer = MAPPER.createObjectNode();
    }
    if (response.statusCode() / 100 != 2) {
      String message = answer.path("message").asString("");
      throw new SchemaRegistryException(what + ": HTTP " + response.statusCode()
          + (message.isEmpty() ? "" : " " + message));
    }
    return answer;
  }
}
