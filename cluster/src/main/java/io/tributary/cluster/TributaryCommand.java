package io.tributary.cluster;

import io.tributary.api.client.TributaryApiException;
import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Job;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.StopType;
import io.tributary.pipeline.auth.ApiKeys;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import io.tributary.sql.diagnostic.Diagnostic;
import io.tributary.sql.explain.ProgramExplainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code tributary} command:
 * <pre>
 * tributary cluster                                              every service, UI and API at http://localhost:5115
 * tributary run [--parallelism N] [--state-dir DIR] FILE.sql     one pipeline until its sources finish or Ctrl-C
 * tributary validate FILE.sql                                    the operator graph, or the diagnostics
 * tributary api-key create NAME [--state-dir DIR]                a key for the gateway's API authentication
 * </pre>
 */
public final class TributaryCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: tributary cluster
                   tributary run [--parallelism N] [--state-dir DIR] FILE.sql
                   tributary validate FILE.sql
                   tributary api-key create NAME [--state-dir DIR]""";

    private final PrintStream out;
    private final PrintStream err;

    TributaryCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int status = new TributaryCommand(System.out, System.err).execute(args);
        if (status != OK || !(args.length > 0 && args[0].equals("cluster"))) {
            System.exit(status);
        }
    }

    int execute(String[] args) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "cluster" -> cluster(rest);
                case "run" -> run(rest);
                case "validate" -> validate(rest);
                case "api-key" -> apiKey(rest);
                case "help", "--help", "-h" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> {
                    err.println("tributary: unknown command '" + args[0] + "'");
                    err.println(USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (UsageException e) {
            err.println("tributary: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
    }

    private int cluster(List<String> args) {
        if (!args.isEmpty()) {
            throw new UsageException("cluster takes no arguments, got " + args);
        }
        EmbeddedCluster cluster = EmbeddedCluster.start(
                new EmbeddedCluster.Options(defaultHome(), ServicePorts.defaults(), true, false));
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "tributary-shutdown"));
        out.println("Tributary is running: UI and API at " + cluster.gatewayUrl());
        return OK;
    }

    private int validate(List<String> args) {
        if (args.size() != 1) {
            throw new UsageException("validate takes one FILE.sql");
        }
        Path file = Path.of(args.getFirst());
        Optional<String> query = read(file);
        if (query.isEmpty()) {
            return FAILED;
        }
        return switch (TributarySql.plan(query.get(), new PlannerOptions(1, false))) {
            case PlanOutcome.Planned planned -> {
                planned.warnings().forEach(warning -> err.println(located(file, warning)));
                out.print(planned.explanation().orElseGet(() -> ProgramExplainer.explain(planned.program())));
                yield OK;
            }
            case PlanOutcome.Failed failed -> {
                failed.errors().forEach(error -> err.println(located(file, error)));
                yield FAILED;
            }
        };
    }

    /**
     * Creates an API key in the database the services use: {@code TRIBUTARY_DATABASE_URL} (with
     * {@code TRIBUTARY_DATABASE_USERNAME} and {@code _PASSWORD}) when set, as for the services, else
     * the embedded database under the state directory. The key is printed once and stored hashed.
     */
    private int apiKey(List<String> args) {
        if (args.isEmpty() || !args.getFirst().equals("create")) {
            throw new UsageException("api-key takes the subcommand 'create NAME'");
        }
        List<String> names = new ArrayList<>();
        Path stateDir = defaultHome();
        for (int i = 1; i < args.size(); i++) {
            if (args.get(i).equals("--state-dir")) {
                stateDir = Path.of(RunArguments.value(args, ++i, "--state-dir"));
            } else if (args.get(i).startsWith("--")) {
                throw new UsageException("unknown option " + args.get(i));
            } else {
                names.add(args.get(i));
            }
        }
        if (names.size() != 1) {
            throw new UsageException("api-key create takes one NAME, got " + names.size());
        }
        String url = Optional.ofNullable(System.getenv("TRIBUTARY_DATABASE_URL"))
                .orElse(EmbeddedCluster.embeddedDatabaseUrl(stateDir));
        String user = Optional.ofNullable(System.getenv("TRIBUTARY_DATABASE_USERNAME")).orElse("sa");
        String password = Optional.ofNullable(System.getenv("TRIBUTARY_DATABASE_PASSWORD")).orElse("");
        try {
            ApiKeys.Issued issued = ApiKeys.migrating(url, user, password).create(names.getFirst());
            out.println(issued.key());
            err.println("tributary: created API key " + issued.id() + " (" + issued.name()
                    + "); it is shown only this once");
            return OK;
        } catch (RuntimeException e) {
            err.println("tributary: could not create an API key in " + url + ": " + e.getMessage());
            return FAILED;
        }
    }

    private int run(List<String> args) {
        RunArguments arguments = RunArguments.parse(args);
        Optional<String> query = read(arguments.file());
        if (query.isEmpty()) {
            return FAILED;
        }
        if (TributarySql.plan(query.get(), new PlannerOptions(arguments.parallelism(), false))
                instanceof PlanOutcome.Failed failed) {
            failed.errors().forEach(error -> err.println(located(arguments.file(), error)));
            return FAILED;
        }
        // Ctrl-C runs the shutdown hook, which asks for a stop with a final checkpoint and holds the
        // JVM until this thread has seen the job end and closed the services.
        CountDownLatch done = new CountDownLatch(1);
        try (EmbeddedCluster cluster = EmbeddedCluster.start(
                new EmbeddedCluster.Options(arguments.stateDir(), ServicePorts.ephemeral(), false, true))) {
            TributaryClient client = new TributaryClient(cluster.apiUrl());
            String name = arguments.file().getFileName().toString().replaceFirst("\\.sql$", "");
            Optional<StoppedRun> stopped = stoppedRun(client, name, query.get(), arguments.parallelism());
            Pipeline pipeline;
            // A resumed job still reads Stopped until the controller takes it up: wait for a later run.
            Optional<Job> previousRun = stopped.map(StoppedRun::job);
            if (stopped.isPresent()) {
                pipeline = client.restartPipeline(stopped.get().pipeline().id(), false);
                err.println("tributary: resuming pipeline " + pipeline.id() + " (" + name + ") from its last checkpoint");
            } else {
                pipeline = client.createPipeline(new PipelinePost(name, query.get(),
                        Optional.of(arguments.parallelism()), Optional.empty()));
                err.println("tributary: running pipeline " + pipeline.id() + " (" + name + ")");
            }
            Thread onInterrupt = new Thread(() -> {
                err.println("tributary: stopping pipeline " + pipeline.id() + " with a final checkpoint");
                try {
                    client.stopPipeline(pipeline.id(), StopType.CHECKPOINT);
                    awaitQuietly(done);
                } catch (TributaryApiException e) {
                    err.println("tributary: could not stop pipeline " + pipeline.id() + ": " + e.getMessage());
                }
            }, "tributary-stop");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            Job job = awaitEnd(client, pipeline.id(), previousRun);
            removeHook(onInterrupt);
            String outcome = "tributary: job " + job.id() + " " + job.state().toLowerCase(Locale.ROOT);
            if (job.state().equals("Finished") || job.state().equals("Stopped")) {
                err.println(outcome);
                return OK;
            }
            err.println(outcome + job.failureMessage().map(message -> ": " + message).orElse(""));
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } finally {
            done.countDown();
        }
    }

    /** A pipeline an earlier {@code run} left stopped, with the job that stopped. */
    private record StoppedRun(Pipeline pipeline, Job job) {}

    /**
     * The pipeline an earlier {@code run} of the same file left stopped (Ctrl-C stops with a final
     * checkpoint) in this state directory: running the same query again resumes it. A changed
     * query or parallelism starts afresh.
     */
    private static Optional<StoppedRun> stoppedRun(TributaryClient client, String name, String query, int parallelism) {
        Optional<String> after = Optional.empty();
        while (true) {
            var page = client.listPipelines(after, 100);
            for (Pipeline pipeline : page.data()) {
                if (pipeline.name().equals(name) && pipeline.query().equals(query) && pipeline.parallelism() == parallelism
                        && !pipeline.preview()) {
                    Optional<Job> latest = client.listJobs(pipeline.id()).data().stream().findFirst();
                    if (latest.isPresent() && latest.get().state().equals("Stopped")) {
                        return Optional.of(new StoppedRun(pipeline, latest.get()));
                    }
                }
            }
            if (!page.hasMore() || page.data().isEmpty()) {
                return Optional.empty();
            }
            after = Optional.of(page.data().getLast().id());
        }
    }

    private static Job awaitEnd(TributaryClient client, String pipelineId, Optional<Job> previousRun)
            throws InterruptedException {
        while (true) {
            List<Job> jobs = client.listJobs(pipelineId).data();
            if (!jobs.isEmpty() && jobs.getFirst().terminal() && previousRun.map(previous ->
                    jobs.getFirst().runId() != previous.runId()
                            || !jobs.getFirst().finishTime().equals(previous.finishTime())).orElse(true)) {
                return jobs.getFirst();
            }
            Thread.sleep(Duration.ofMillis(200));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and will find the job ended.
        }
    }

    private Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println(file + ": cannot read the file: " + e.getMessage());
            return Optional.empty();
        }
    }

    static String located(Path file, Diagnostic diagnostic) {
        var start = diagnostic.span().start();
        return file + ":" + start.line() + ":" + start.column() + ": " + diagnostic.message();
    }

    static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".tributary");
    }

    /** The arguments of {@code tributary run}. */
    record RunArguments(int parallelism, Path stateDir, Path file) {
        static RunArguments parse(List<String> args) {
            int parallelism = 1;
            Path stateDir = defaultHome();
            List<String> files = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--parallelism" -> parallelism = parsePositive(value(args, ++i, arg), arg);
                    case "--state-dir" -> stateDir = Path.of(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new UsageException("unknown option " + arg);
                        }
                        files.add(arg);
                    }
                }
            }
            if (files.size() != 1) {
                throw new UsageException("run takes one FILE.sql, got " + files.size());
            }
            return new RunArguments(parallelism, stateDir, Path.of(files.getFirst()));
        }

        private static String value(List<String> args, int index, String option) {
            if (index >= args.size()) {
                throw new UsageException(option + " needs a value");
            }
            return args.get(index);
        }

        private static int parsePositive(String value, String option) {
            try {
                int parsed = Integer.parseInt(value);
                if (parsed >= 1) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // Falls through to the usage error below, which names the value.
            }
            throw new UsageException(option + " takes a whole number of at least 1, got '" + value + "'");
        }
    }

    /** The command line is not one the command understands. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
