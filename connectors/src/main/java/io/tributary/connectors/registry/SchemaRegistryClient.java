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
 * compatible registries such as Apicurio's ccompat API): registering a schema under a subject,
 * which answers the id of the existing schema when it is registered already.
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
    URI uri = URI.create(endpoint + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions");
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    credentials.ifPresent(value -> request.header("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    String what = "cannot register the schema of subject '" + subject + "' with the schema registry at " + endpoint;
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
    if (!answer.path("id").canConvertToInt()) {
      throw new SchemaRegistryException(what + ": the answer has no schema id");
    }
    return answer.path("id").asInt();
  }
}
