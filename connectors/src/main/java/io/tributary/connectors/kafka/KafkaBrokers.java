package io.tributary.connectors.kafka;

import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/**
 * Asks the brokers that Kafka table options name (without a topic: a connection profile's
 * settings) what they hold, with the same authentication a table's clients use.
 */
public final class KafkaBrokers {
  private KafkaBrokers() {}

  /**
   * The names of the brokers' topics, internal ones left out, sorted.
   *
   * @param what what the options belong to, for messages (e.g. "connection profile prod")
   * @throws ConnectorException when the brokers cannot be reached or refuse, within {@code timeout}
   */
  public static List<String> topics(String what, Map<String, String> options, Duration timeout) {
    ConnectorOptions connectorOptions = new ConnectorOptions(what, options);
    String servers = KafkaTable.bootstrapServers(connectorOptions);
    Map<String, Object> settings = new HashMap<>(KafkaTable.clientConfigs(connectorOptions));
    settings.put("bootstrap.servers", servers);
    settings.put("client.id", "tributary-profile-check");
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    settings.put("request.timeout.ms", millis);
    settings.put("default.api.timeout.ms", millis);
    try (Admin admin = Admin.create(settings)) {
      return admin.listTopics(new ListTopicsOptions().timeoutMs(millis)).names()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).stream().sorted().toList();
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new ConnectorException("cannot list the topics of the Kafka brokers at " + servers + " for " + what + ": "
          + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectorException("interrupted while listing the topics at " + servers + " for " + what, e);
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new ConnectorException("cannot connect to the Kafka brokers at " + servers + " for " + what + ": "
          + e.getMessage(), e);
    }
  }
}
