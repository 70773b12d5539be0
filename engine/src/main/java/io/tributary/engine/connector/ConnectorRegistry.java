package io.tributary.engine.connector;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The connectors a worker knows, by name. */
public final class ConnectorRegistry {
  private final Map<String, Connector> connectors;

  private ConnectorRegistry(Map<String, Connector> connectors) {
    this.connectors = connectors;
  }

  /** The connectors declared in {@code META-INF/services} visible to this class's loader. */
  public static ConnectorRegistry load() {
    return load(ConnectorRegistry.class.getClassLoader());
  }

  public static ConnectorRegistry load(ClassLoader classLoader) {
    return of(ServiceLoader.load(Connector.class, classLoader).stream().map(ServiceLoader.Provider::get).toList());
  }

  public static ConnectorRegistry of(Connector... connectors) {
    return of(List.of(connectors));
  }

  /** A registry of exactly these connectors (for tests and embedding). */
  public static ConnectorRegistry of(Collection<? extends Connector> connectors) {
    Map<String, Connector> byName = new TreeMap<>();
    for (Connector connector : connectors) {
      String name = normalize(connector.name());
      Connector previous = byName.putIfAbsent(name, connector);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two connectors are named '" + name + "': " + previous.getClass().getName() + " and "
                + connector.getClass().getName());
      }
    }
    return new ConnectorRegistry(Map.copyOf(byName));
  }

  public Optional<Connector> find(String name) {
    return Optional.ofNullable(connectors.get(normalize(name)));
  }

  /** @throws UnknownConnectorException naming the connector when none is registered */
  public Connector connector(String name) {
    return find(name).orElseThrow(() -> new UnknownConnectorException(name, names()));
  }

  public Set<String> names() {
    return new java.util.TreeSet<>(connectors.keySet());
  }

  private static String normalize(String name) {
    return requireNonNull(name, "connector name is null").trim().toLowerCase(Locale.ROOT);
  }
}
