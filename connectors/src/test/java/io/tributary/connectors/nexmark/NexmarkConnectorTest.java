package io.tributary.connectors.nexmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connectors.Contexts;
import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.Source;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ManualClock;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class NexmarkConnectorTest extends AllocatorTest {
  private final ManualClock clock = new ManualClock(1_000_000_000_000L);
  private final NexmarkConnector connector = new NexmarkConnector(clock::advanceNanos);

  private List<List<Object>> readAll(Map<String, String> options, int subtask, int parallelism) {
    List<List<Object>> rows = new ArrayList<>();
    try (Source source = connector.createSource(
        Contexts.source(NexmarkSchemas.schema(), options, subtask, parallelism, allocator, clock))) {
      Source.PollResult result;
      do {
        result = source.poll(batch -> {
          try (batch) {
            rows.addAll(OperatorTestDriver.rowsOf(batch));
          }
        });
      } while (result == Source.PollResult.MORE);
    }
    return rows;
  }

  @Test
  void generatesPersonsAuctionsAndBidsInNexmarkProportions() {
    List<List<Object>> rows = readAll(Map.of("event_rate", "1000", "runtime", "2"), 0, 1);
    assertThat(rows).hasSize(2000);
    assertThat(rows).allSatisfy(row -> assertThat(row.stream().filter(Objects::nonNull).count()).isEqualTo(1));
    List<Map<String, Object>> persons = column(rows, 0);
    List<Map<String, Object>> auctions = column(rows, 1);
    List<Map<String, Object>> bids = column(rows, 2);
    assertThat(persons).hasSize(40);
    assertThat(auctions).hasSize(120);
    assertThat(bids).hasSize(1840);
    assertThat(persons.stream().map(p -> p.get("id")).limit(3)).containsExactly(1000L, 1001L, 1002L);
    assertThat(auctions.stream().map(a -> a.get("id")).limit(4)).containsExactly(1000L, 1001L, 1002L, 1003L);
    assertThat(bids).allSatisfy(bid -> {
      assertThat((Long) bid.get("auction")).isBetween(1000L, 1000L + 120 + 10);
      assertThat((Long) bid.get("price")).isPositive();
    });
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> column(List<List<Object>> rows, int index) {
    return rows.stream().map(r -> (Map<String, Object>) r.get(index)).filter(Objects::nonNull).toList();
  }

  @Test
  void subtasksShareTheStreamAndTheRuntime() {
    List<List<Object>> first = readAll(Map.of("event_rate", "100", "runtime", "1"), 0, 2);
    List<List<Object>> second = readAll(Map.of("event_rate", "100", "runtime", "1"), 1, 2);
    assertThat(first).hasSize(50);
    assertThat(second).hasSize(50);
    assertThat(first.getFirst().get(0)).as("event 0 is a person").isNotNull();
    assertThat(second.getFirst().get(1)).as("event 1 is an auction").isNotNull();
  }

  @Test
  void everyFieldHasNexmarksShapeAndDependsOnlyOnTheEventNumber() {
    List<List<Object>> rows = readAll(Map.of("event_rate", "1000", "runtime", "10"), 0, 1);
    assertThat(column(rows, 0)).hasSize(200).allSatisfy(person -> {
      assertThat(person.keySet()).containsExactlyElementsOf(NexmarkGenerator.PERSON_FIELDS);
      assertThat((String) person.get("name")).matches("(Peter|Paul|Luke|John|Saul|Vicky|Kate|Julie|Sarah|Deiter|Walter) "
          + "(Shultz|Abrams|Spencer|White|Bartels|Walton|Smith|Jones|Noris)");
      assertThat((String) person.get("email_address")).matches("[a-z]{1,7}@[a-z]{1,5}\\.com");
      assertThat((String) person.get("credit_card")).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
      assertThat((String) person.get("state")).matches("AZ|CA|ID|OR|WA|WY");
      assertThat(person.get("extra")).isEqualTo("");
    });
    assertThat(column(rows, 1)).hasSize(600).allSatisfy(auction -> {
      assertThat(auction.keySet()).containsExactlyElementsOf(NexmarkGenerator.AUCTION_FIELDS);
      assertThat((String) auction.get("item_name")).matches("[a-z]{1,20}");
      assertThat((String) auction.get("description")).matches("[a-z]{1,100}");
      assertThat((Long) auction.get("reserve")).isGreaterThanOrEqualTo((Long) auction.get("initial_bid"));
      assertThat((Long) auction.get("category")).isBetween(10L, 14L);
      assertThat((Long) auction.get("expires")).isGreaterThan((Long) auction.get("datetime"));
    });
    assertThat(column(rows, 2)).hasSize(9200).allSatisfy(bid -> {
      assertThat(bid.keySet()).containsExactlyElementsOf(NexmarkGenerator.BID_FIELDS);
      String channel = (String) bid.get("channel");
      assertThat(channel).matches("Google|Facebook|Baidu|Apple");
      assertThat((String) bid.get("url"))
          .matches("https://www\\.nexmark\\.com/[a-z]{1,5}/[a-z]{1,5}/item\\.htm\\?query=1&channel_id=" + channel.length());
      assertThat((Long) bid.get("price")).isBetween(100L, 100_000_000L);
    });
    // Event n is the same row whichever subtask generates it (its time aside, which counts
    // from that subtask's start).
    List<List<Object>> odd = readAll(Map.of("event_rate", "1000", "runtime", "10"), 1, 2);
    for (int i = 0; i < odd.size(); i += 97) {
      assertThat(withoutTimes(odd.get(i))).isEqualTo(withoutTimes(rows.get(2 * i + 1)));
    }
  }

  private static List<Object> withoutTimes(List<Object> row) {
    List<Object> values = new ArrayList<>();
    for (Object value : row.subList(0, 3)) {
      if (value instanceof Map<?, ?> struct) {
        Map<Object, Object> copy = new java.util.LinkedHashMap<>(struct);
        copy.remove("datetime");
        copy.remove("expires");
        values.add(copy);
      } else {
        values.add(value);
      }
    }
    return values;
  }

  @Test
  void aTableWithOtherColumnsOrFieldTypesIsRefusedByName() {
    Schema extra = ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder()
        .addFields(Field.newBuilder().setName("price").setType(DataType.newBuilder().setKind(TypeKind.INT64)))
        .addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)))
        .build());
    assertThatThrownBy(() -> connector.createSource(
        Contexts.source(extra, Map.of("event_rate", "10"), 0, 1, allocator, clock)))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("nexmark table t has a column 'price'; its columns are person, auction and bid");
  }

  @Test
  void eventRateIsRequired() {
    assertThatThrownBy(() -> readAll(Map.of(), 0, 1))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("table t needs the option 'event_rate'");
  }
}
