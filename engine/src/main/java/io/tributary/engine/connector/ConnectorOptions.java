package io.tributary.engine.connector;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A table's WITH options, with typed accessors whose errors name the table and option. */
public record ConnectorOptions(String tableName, Map<String, String> values) {
  public ConnectorOptions {
    requireNonNull(tableName, "tableName is null");
    values = Map.copyOf(requireNonNull(values, "values is null"));
  }

  public Optional<String> string(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public String requireString(String name) {
    return string(name)
        .orElseThrow(() -> new ConnectorException(
            "table " + tableName + " needs the option '" + name + "'"));
  }

  public Optional<Long> longValue(String name) {
    return string(name).map(value -> {
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new ConnectorException(
            "option '" + name + "' of table " + tableName + " must be an integer, not '" + value + "'");
      }
    });
  }

  public Optional<Double> doubleValue(String name) {
    return string(name).map(value -> {
      try {
        return Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        throw new ConnectorException(
            "option '" + name + "' of table " + tableName + " must be a number, not '" + value + "'");
      }
    });
  }

  /** An option restricted to {@code allowed} values (compared case-insensitively). */
  public Optional<String> choice(String name, java.util.Set<String> allowed) {
    return string(name).map(value -> {
      String normalized = value.trim().toLowerCase(Locale.ROOT);
      if (!allowed.contains(normalized)) {
        throw new ConnectorException(
            "option '" + name + "' of table " + tableName + " must be one of "
                + String.join(", ", new java.util.TreeSet<>(allowed)) + ", not '" + value + "'");
      }
      return normalized;
    });
  }
}
