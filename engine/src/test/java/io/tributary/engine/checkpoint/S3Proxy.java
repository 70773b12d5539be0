package io.tributary.engine.checkpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real S3 server for tests: S3Proxy over a temporary directory ({@code jclouds.provider=filesystem-nio2}),
 * bound to 127.0.0.1 on a port the kernel picks.
 *
 * <p>It runs in a child JVM from S3Proxy's all-in-one jar (which the build copies to the path in
 * the system property {@value #JAR_PROPERTY}), because S3Proxy's Jetty 11 cannot share a classpath
 * with the Jetty 12 that the project's Spring Boot dependency management pins.
 */
public final class S3Proxy implements AutoCloseable {
  static final String JAR_PROPERTY = "tributary.s3proxy.jar";
  /** S3Proxy's built-in test identity; it guards nothing but a temporary directory on loopback. */
  static final String ACCESS_KEY_ID = "local-identity";
  static final String SECRET_ACCESS_KEY = "local-credential";

  /** Jetty's start-up line, which carries the port it bound. */
  private static final Pattern STARTED = Pattern.compile("Started ServerConnector@.*\\{127\\.0\\.0\\.1:(\\d+)}");
  private static final int LOG_LINES_KEPT = 40;

  private final Process process;
  private final Path directory;
  private final int port;
  private final Deque<String> log;
  private final AtomicInteger buckets = new AtomicInteger();

  private S3Proxy(Process process, Path directory, int port, Deque<String> log) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    this.log = log;
  }

  public static S3Proxy start() throws IOException {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("S3Proxy's jar is not at the system property " + JAR_PROPERTY + " (" + jar
          + "); run the tests through Maven, which copies it to target/s3proxy/");
    }
    Path directory = Files.createTempDirectory("s3proxy");
    Path data = Files.createDirectory(directory.resolve("data"));
    Path properties = directory.resolve("s3proxy.properties");
    Files.writeString(properties, String.join("\n",
        "s3proxy.endpoint=http://127.0.0.1:0",
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY_ID,
        "s3proxy.credential=" + SECRET_ACCESS_KEY,
        // SDK 2.30+ sends x-amz-checksum-crc32 with DeleteObjects even when checksums are only sent
        // where required; S3Proxy refuses x-amz headers it does not know (gaul/s3proxy#962), where
        // S3, MinIO and Ceph accept it. It still checks the Content-MD5 the store sends as well.
        "s3proxy.ignore-unknown-headers=true",
        // filesystem-nio2, not the deprecated "filesystem" provider: that one took 40 s per
        // DeleteObjects of a nested prefix here.
        "jclouds.provider=filesystem-nio2",
        "jclouds.identity=" + ACCESS_KEY_ID,
        "jclouds.credential=" + SECRET_ACCESS_KEY,
        "jclouds.filesystem.basedir=" + data));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // A small, quickly started JVM: it serves a few thousand small requests at most.
    Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", jar, "--properties", properties.toString())
        .redirectErrorStream(true)
        .start();
    Deque<String> log = new ArrayDeque<>();
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    int port = -1;
    String line;
    while (port < 0 && (line = output.readLine()) != null) {
      keep(log, line);
      Matcher started = STARTED.matcher(line);
      if (started.find()) {
        port = Integer.parseInt(started.group(1));
      }
    }
    if (port < 0) {
      process.destroyForcibly();
      throw new IllegalStateException("S3Proxy ended without serving; its last output:\n" + String.join("\n", log));
    }
    // Keep reading, or the child blocks once the pipe's buffer is full.
    Thread drain = new Thread(() -> output.lines().forEach(next -> keep(log, next)), "s3proxy-output");
    drain.setDaemon(true);
    drain.start();
    return new S3Proxy(process, directory, port, log);
  }

  private static void keep(Deque<String> log, String line) {
    synchronized (log) {
      log.addLast(line);
      if (log.size() > LOG_LINES_KEPT) {
        log.removeFirst();
      }
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Creates an empty bucket of a name no other test used; the filesystem provider's buckets are directories. */
  public String createBucket() {
    String bucket = "bucket-" + buckets.incrementAndGet();
    try {
      Files.createDirectory(directory.resolve("data").resolve(bucket));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bucket;
  }

  /** The store URL of a prefix in a bucket of this server, with its credentials. */
  public String url(String bucket, String prefix) {
    return "s3://" + bucket + "/" + prefix + "?endpoint=" + endpoint() + "&region=us-east-1&access_key_id="
        + ACCESS_KEY_ID + "&secret_access_key=" + SECRET_ACCESS_KEY;
  }

  /** The server's last lines of output, for failure messages. */
  public List<String> recentOutput() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
