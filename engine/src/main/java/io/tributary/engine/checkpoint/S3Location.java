package io.tributary.engine.checkpoint;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an {@link S3CheckpointStore} keeps its objects, parsed from
 * {@code s3://bucket[/prefix][?endpoint=URL&region=NAME&access_key_id=ID&secret_access_key=SECRET&session_token=TOKEN]}.
 *
 * @param bucket the bucket (S3's naming rules are left to the server, which knows its own)
 * @param prefix the key prefix every path of the store is under: empty, or ending in '/'
 * @param endpoint an S3-compatible server ({@code http(s)://host[:port]}); empty for AWS
 * @param region the signing region; empty for the SDK's default provider chain
 * @param credentials static credentials; empty for the SDK's default provider chain
 */
public record S3Location(
    String bucket, String prefix, Optional<URI> endpoint, Optional<String> region, Optional<Credentials> credentials) {
  private static final Set<String> PARAMETERS =
      Set.of("endpoint", "region", "access_key_id", "secret_access_key", "session_token");

  /** Static credentials from the URL; {@link #toString} hides the secret parts. */
  public record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    public Credentials {
      requireNonNull(accessKeyId, "accessKeyId is null");
      requireNonNull(secretAccessKey, "secretAccessKey is null");
      requireNonNull(sessionToken, "sessionToken is null");
      if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
        throw new IllegalArgumentException("S3 credentials need a non-empty access key id and secret access key");
      }
    }

    @Override
    public String toString() {
      return "Credentials[accessKeyId=" + accessKeyId + ", secret hidden]";
    }
  }

  public S3Location {
    requireNonNull(bucket, "bucket is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(region, "region is null");
    requireNonNull(credentials, "credentials is null");
    if (bucket.isEmpty() || bucket.contains("/") || bucket.contains("@") || bucket.contains(":")) {
      throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name");
    }
    if (!prefix.isEmpty() && (!prefix.endsWith("/") || prefix.startsWith("/") || prefix.contains("//"))) {
      throw new IllegalArgumentException(
          "an S3 key prefix must be empty or end in '/', without leading or doubled slashes: '" + prefix + "'");
    }
    endpoint.ifPresent(uri -> {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException("an S3 endpoint must be http(s)://host[:port], not '" + uri + "'");
      }
    });
    region.ifPresent(name -> {
      if (name.isBlank()) {
        throw new IllegalArgumentException("an S3 region must not be blank");
      }
    });
  }

  /**
   * Parses a store URL.
   *
   * @throws CheckpointStoreException naming the URL (with its secrets hidden) and what is wrong
   */
  public static S3Location parse(String url) {
    requireNonNull(url, "url is null");
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw invalid(url, "it is not a valid URL: " + e.getMessage(), e);
    }
    // The authority, not the host: bucket names may hold characters (e.g. '_') that a host name may not.
    if (!"s3".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
      throw invalid(url, "expected s3://bucket/prefix", null);
    }
    Map<String, String> parameters = parameters(uri, url);
    try {
      String path = uri.getPath() == null ? "" : uri.getPath();
      String prefix = path.isEmpty() || path.equals("/") ? "" : path.substring(1) + (path.endsWith("/") ? "" : "/");
      Optional<URI> endpoint = Optional.ofNullable(parameters.get("endpoint")).map(URI::create);
      Optional<Credentials> credentials = Optional.empty();
      String keyId = parameters.get("access_key_id");
      String secret = parameters.get("secret_access_key");
      if (keyId != null || secret != null) {
        if (keyId == null || secret == null) {
          throw new IllegalArgumentException("access_key_id and secret_access_key go together");
        }
        credentials = Optional.of(new Credentials(keyId, secret, Optional.ofNullable(parameters.get("session_token"))));
      } else if (parameters.containsKey("session_token")) {
        throw new IllegalArgumentException("session_token needs access_key_id and secret_access_key");
      }
      return new S3Location(uri.getAuthority(), prefix, endpoint, Optional.ofNullable(parameters.get("region")),
          credentials);
    } catch (IllegalArgumentException e) {
      throw invalid(url, e.getMessage(), e);
    }
  }

  /** The location as an {@code s3://} URL with its endpoint and region but never its credentials. */
  public String url() {
    List<String> parameters = new ArrayList<>();
    endpoint.ifPresent(uri -> parameters.add("endpoint=" + queryValue(uri.toString())));
    region.ifPresent(name -> parameters.add("region=" + queryValue(name)));
    return "s3://" + bucket + "/" + prefix + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
  }

  @Override
  public String toString() {
    return url();
  }

  private static Map<String, String> parameters(URI uri, String url) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
      return parameters;
    }
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      // A misspelt parameter would otherwise silently fall back to a default (e.g. AWS instead of the endpoint).
      if (!PARAMETERS.contains(name)) {
        throw invalid(url, "unknown parameter '" + name + "' (known: " + String.join(", ", PARAMETERS.stream()
            .sorted().toList()) + ")", null);
      }
      if (parameters.put(name, value) != null) {
        throw invalid(url, "parameter '" + name + "' is given twice", null);
      }
    }
    return parameters;
  }

  /** Percent-decoding only: a '+' is itself, since AWS secret keys contain '+' and are pasted as they are. */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Encodes what would end or split a query value, and leaves an endpoint's ':' and '/' readable. */
  private static String queryValue(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:/[]@".indexOf(c) >= 0) {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  private static CheckpointStoreException invalid(String url, String reason, Throwable cause) {
    return new CheckpointStoreException(
        "cannot open checkpoint store '" + withoutSecrets(url) + "': " + reason, cause);
  }

  /** The URL as given, with the values of secret parameters replaced, for error messages. */
  static String withoutSecrets(String url) {
    return url.replaceAll("(?i)((?:secret_access_key|session_token)=)[^&#]*", "$1***");
  }
}
