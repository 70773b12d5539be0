package io.tributary.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tributary.api.client.ApiJson;
import io.tributary.api.model.ApiError;
import io.tributary.api.model.Job;
import io.tributary.api.model.OutputData;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelineEdge;
import io.tributary.api.model.PipelineGraph;
import io.tributary.api.model.PipelineNode;
import io.tributary.api.model.PipelinePatch;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.PreviewPost;
import io.tributary.api.model.QueryError;
import io.tributary.api.model.QueryValidationResult;
import io.tributary.api.model.SourcePosition;
import io.tributary.api.model.SourceSpan;
import io.tributary.api.model.StopType;
import io.tributary.api.model.ValidateQueryPost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of Tributary's REST API the UI calls, in memory, answering real-shaped snake_case
 * JSON. A query containing {@value #BAD_TOKEN} fails validation at that token's line and column.
 * A preview's output stream sends one batch, then a second once {@link #releaseMoreOutput()}
 * is called, then ends. Creating a pipeline named {@value #TAKEN_NAME} answers 409, and so does
 * stopping one named {@value #UNSTOPPABLE_NAME}.
 */
final class FakeTributaryApi implements AutoCloseable {
    static final String BAD_TOKEN = "FROMM";
    static final String TAKEN_NAME = "taken";
    static final String UNSTOPPABLE_NAME = "unstoppable";
    static final String FIRST_BATCH = "[{\"user\":\"alice\",\"clicks\":3},{\"user\":\"bob\",\"clicks\":5}]";
    static final String SECOND_BATCH = "[{\"user\":\"carol\",\"clicks\":8,\"region\":\"eu\"}]";

    record Request(String method, String path, String body) {}

    private static final Pattern PIPELINE = Pattern.compile("/api/v1/pipelines/([^/]+)");
    private static final Pattern JOBS = Pattern.compile("/api/v1/pipelines/([^/]+)/jobs");
    private static final Pattern OUTPUT = Pattern.compile("/api/v1/pipelines/([^/]+)/jobs/([^/]+)/output");

    private final JsonMapper json = ApiJson.mapper();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CountDownLatch moreOutput = new CountDownLatch(1);

    FakeTributaryApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void releaseMoreOutput() {
        moreOutput.countDown();
    }

    /** Lets the next preview hold its second batch back again. */
    void holdOutput() {
        moreOutput = new CountDownLatch(1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(method, path, body));
            Matcher output = OUTPUT.matcher(path);
            if (method.equals("GET") && output.matches()) {
                streamOutput(exchange, output.group(2));
                return;
            }
            answer(exchange, method, path, body);
        } catch (RuntimeException e) {
            send(exchange, 500, new ApiError(500, "fake API failed: " + e));
        }
    }

    private synchronized void answer(HttpExchange exchange, String method, String path, String body) throws IOException {
        Matcher pipeline = PIPELINE.matcher(path);
        Matcher jobList = JOBS.matcher(path);
        if (method.equals("POST") && path.equals("/api/v1/pipelines/validate_query")) {
            send(exchange, 200, validate(json.readValue(body, ValidateQueryPost.class).query()));
        } else if (method.equals("POST") && path.equals("/api/v1/pipelines/preview")) {
            send(exchange, 200, create("preview", json.readValue(body, PreviewPost.class).query(), 1, true));
        } else if (method.equals("POST") && path.equals("/api/v1/pipelines")) {
            PipelinePost post = json.readValue(body, PipelinePost.class);
            if (post.name().equals(TAKEN_NAME)) {
                send(exchange, 409, new ApiError(409, "a pipeline named 'taken' already exists"));
            } else {
                send(exchange, 200, create(post.name(), post.query(), post.parallelism().orElse(1), false));
            }
        } else if (method.equals("GET") && path.equals("/api/v1/pipelines")) {
            send(exchange, 200, new PaginatedCollection<>(List.copyOf(pipelines.values()), false));
        } else if (method.equals("GET") && jobList.matches() && pipelines.containsKey(jobList.group(1))) {
            List<Job> found = jobs.containsKey(jobList.group(1)) ? List.of(jobs.get(jobList.group(1))) : List.of();
            send(exchange, 200, new PaginatedCollection<>(found, false));
        } else if (method.equals("PATCH") && pipeline.matches() && pipelines.containsKey(pipeline.group(1))
                && pipelines.get(pipeline.group(1)).name().equals(UNSTOPPABLE_NAME)) {
            send(exchange, 409, new ApiError(409, "the job is still being scheduled; stop it once it runs"));
        } else if (method.equals("PATCH") && pipeline.matches() && pipelines.containsKey(pipeline.group(1))) {
            String id = pipeline.group(1);
            StopType stop = json.readValue(body, PipelinePatch.class).stop().orElse(StopType.NONE);
            Pipeline old = pipelines.get(id);
            Pipeline patched = new Pipeline(old.id(), old.name(), old.query(), old.parallelism(),
                    old.checkpointIntervalMicros(), stop, old.preview(), old.createdAt(), old.graph());
            pipelines.put(id, patched);
            Job job = jobs.get(id);
            jobs.put(id, new Job(job.id(), stop == StopType.NONE, stop == StopType.NONE ? "Running" : "Stopped",
                    job.runId(), job.startTime(), Optional.of(job.createdAt() + 5_000_000), Optional.empty(), job.createdAt()));
            send(exchange, 200, patched);
        } else if (method.equals("GET") && pipeline.matches() && pipelines.containsKey(pipeline.group(1))) {
            send(exchange, 200, pipelines.get(pipeline.group(1)));
        } else {
            send(exchange, 404, new ApiError(404, "no route for " + method + " " + path));
        }
    }

    private Pipeline create(String name, String query, int parallelism, boolean preview) {
        int n = ids.incrementAndGet();
        String id = (preview ? "pl_preview_" : "pl_") + n;
        long createdAt = 1_790_000_000_000_000L + n * 1_000_000L;
        Pipeline pipeline = new Pipeline(id, name, query, parallelism, 10_000_000L, StopType.NONE, preview, createdAt, graph());
        pipelines.put(id, pipeline);
        jobs.put(id, new Job("job_" + n, true, "Running", 1, Optional.of(createdAt + 1_000), Optional.empty(),
                Optional.empty(), createdAt));
        return pipeline;
    }

    private static PipelineGraph graph() {
        return new PipelineGraph(
                List.of(new PipelineNode(1, "source", "kafka source clicks", 1),
                        new PipelineNode(2, "aggregate", "count(*) group by user", 2)),
                List.of(new PipelineEdge(1, 2, "user", "clicks", "shuffle")));
    }

    private static QueryValidationResult validate(String query) {
        int at = query.indexOf(BAD_TOKEN);
        if (at < 0) {
            return new QueryValidationResult(Optional.of(graph()), List.of());
        }
        String before = query.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = at - (before.lastIndexOf('\n') + 1) + 1;
        SourceSpan span = new SourceSpan(new SourcePosition(line, column),
                new SourcePosition(line, column + BAD_TOKEN.length() - 1));
        return new QueryValidationResult(Optional.empty(), List.of(
                new QueryError("Encountered \"" + BAD_TOKEN + "\": expected FROM", Optional.of(span))));
    }

    private void streamOutput(HttpExchange exchange, String jobId) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, new OutputData("sink_1", 0, List.of(1L, 2L), 0, FIRST_BATCH));
        try {
            if (!moreOutput.await(60, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        event(out, new OutputData("sink_1", 0, List.of(3L), 2, SECOND_BATCH));
    }

    private void event(OutputStream out, OutputData data) throws IOException {
        out.write(("event: output\ndata: " + json.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    synchronized Optional<Pipeline> pipelineNamed(String name) {
        return pipelines.values().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    List<Request> requestsTo(String method, String path) {
        List<Request> found = new ArrayList<>();
        for (Request request : requests) {
            if (request.method().equals(method) && request.path().equals(path)) {
                found.add(request);
            }
        }
        return found;
    }

    @Override
    public void close() {
        moreOutput.countDown();
        server.stop(0);
    }
}
