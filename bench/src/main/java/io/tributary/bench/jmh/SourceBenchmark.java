package io.tributary.bench.jmh;

import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.program.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two Nexmark sources, each reading {@value #EVENTS} events to the end per invocation into
 * batches that are closed at once (reported per event): the in-memory {@code nexmark} generator,
 * and {@code single_file} over JSON lines in the Flink anchor's layout (one person, three
 * auctions and 46 bids in every 50 lines), with the tables as the bench DDL declares them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class SourceBenchmark {
  static final int EVENTS = 100_000;
  private static final String PERSON = """
      {"event_type":0,"ts_ms":1704067200000,"ts":"2024-01-01T00:00:00.000Z","person":{"id":1000,\
      "name":"Paul White","email_address":"bui@kfx.com","credit_card":"2454 4802 0856 0062","city":"Bend",\
      "state":"OR","datetime":"2024-01-01T00:00:00.000Z","extra":"shbswysauczcuunbofbkkmbehgtvtyxqjqzqeo"}}""";
  private static final String AUCTION = """
      {"event_type":1,"ts_ms":1704067200000,"ts":"2024-01-01T00:00:00.000Z","auction":{"id":1000,\
      "item_name":"mwjbamrbqmhg oi","description":"eolizkokczqdfv gfdllvpzqvhuxfzgylayeba pncmslybryngrhje",\
      "initial_bid":8596,"reserve":8727,"datetime":"2024-01-01T00:00:00.000Z",\
      "expires":"2024-01-01T00:00:10.000Z","seller":1000,"category":10,"extra":"xqovkobydqyzhmukgvcmcg"}}""";
  private static final String BID = """
      {"event_type":2,"ts_ms":1704067200000,"ts":"2024-01-01T00:00:00.001Z","bid":{"auction":1000,\
      "bidder":1001,"price":1234,"channel":"Google","url":"https://www.nexmark.com/abc/def/item.htm?query=1",\
      "datetime":"2024-01-01T00:00:00.001Z","extra":"fojnezrglszkihqjjrpajehvmcsxekavwasx"}}""";
  private static final String FILE_DDL = """
      CREATE TABLE nexmark (event_type INT, ts_ms BIGINT, ts TIMESTAMP,
          person ROW(id BIGINT, name TEXT, email_address TEXT, credit_card TEXT, city TEXT, state TEXT, extra TEXT),
          auction ROW(id BIGINT, item_name TEXT, description TEXT, initial_bid BIGINT, reserve BIGINT,
              expires TIMESTAMP, seller BIGINT, category BIGINT, extra TEXT),
          bid ROW(auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, url TEXT, extra TEXT),
          WATERMARK FOR ts AS ts - INTERVAL '4' SECOND
      ) WITH (connector = 'single_file', path = 'PATH', format = 'json', type = 'source');
      CREATE TABLE sink_out WITH (connector = 'blackhole');
      INSERT INTO sink_out SELECT nexmark.bid.price FROM nexmark WHERE event_type = 2;
      """;
  private static final String MEMORY_DDL = """
      CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '1000000000', runtime = '0.0001');
      CREATE TABLE sink_out WITH (connector = 'blackhole');
      INSERT INTO sink_out SELECT nexmark.bid.price FROM nexmark WHERE nexmark.bid IS NOT NULL;
      """;

  private BufferAllocator allocator;
  private Path file;
  private Read generator;
  private Read jsonLines;

  /** A source table's connector, options and schema, as planned. */
  private record Read(Connector connector, Map<String, String> options, Schema schema) {}

  @Setup
  public void open() throws IOException {
    allocator = new RootAllocator();
    file = Files.createTempFile("nexmark-bench", ".jsonl");
    StringBuilder lines = new StringBuilder();
    for (int n = 0; n < EVENTS; n++) {
      int offset = n % 50;
      lines.append(offset == 0 ? PERSON : offset < 4 ? AUCTION : BID).append('\n');
    }
    Files.writeString(file, lines);
    generator = planned(MEMORY_DDL);
    jsonLines = planned(FILE_DDL.replace("PATH", file.toString()));
  }

  private static Read planned(String query) {
    Operator source = PlannedOperators.of(query).first(Operator::hasSource);
    Connector connector = ConnectorRegistry.load().find(source.getSource().getConnector()).orElseThrow();
    return new Read(connector, source.getSource().getOptionsMap(), PlannedOperators.outputOf(source));
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long nexmarkGenerator() {
    return readAll(generator);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long jsonLinesFile() {
    return readAll(jsonLines);
  }

  private long readAll(Read read) {
    long[] rows = {0};
    SourceContext context = new SourceContext("bench", "source", "nexmark",
        new ConnectorOptions("nexmark", read.options()), read.schema(), 0, 1, allocator, ProcessingClock.system());
    try (Source source = read.connector().createSource(context)) {
      Source.PollResult result;
      do {
        result = source.poll(batch -> {
          try (batch) {
            rows[0] += batch.rowCount();
          }
        });
      } while (result == Source.PollResult.MORE);
    }
    return rows[0];
  }

  @TearDown
  public void close() {
    allocator.close();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
