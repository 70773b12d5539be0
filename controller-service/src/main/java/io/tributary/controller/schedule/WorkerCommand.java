package io.tributary.controller.schedule;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * The command line of a worker JVM: the controller's own {@code java} and class path, so that the
 * worker runs exactly the code of the controller that starts it.
 *
 * @param java the {@code java} binary
 * @param classPath the class path
 * @param bootJar whether the class path is a Spring Boot executable jar, whose own launcher must
 *     load the worker's main class from the libraries nested in it
 * @param runtimeFeature the Java feature release of {@code java}
 * @param heapMegabytes the worker's heap
 * @param jvmOptions further options, placed before the main class
 * @param mainClass the worker's main class
 */
record WorkerCommand(String java, String classPath, boolean bootJar, int runtimeFeature, long heapMegabytes,
        List<String> jvmOptions, String mainClass) {
    /** Where {@code io.tributary.worker.WorkerProcess} goes when the class path is a Spring Boot jar. */
    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";
    static final String WORKER_MAIN = "io.tributary.worker.WorkerProcess";

    WorkerCommand {
        requireNonNull(java, "java is null");
        requireNonNull(classPath, "classPath is null");
        jvmOptions = List.copyOf(requireNonNull(jvmOptions, "jvmOptions is null"));
        requireNonNull(mainClass, "mainClass is null");
        if (heapMegabytes < 1) {
            throw new IllegalArgumentException("a worker needs a heap, got " + heapMegabytes + " MB");
        }
    }

    /** The command for workers of this JVM: same java, same class path (or the same Boot jar). */
    static WorkerCommand ofCurrentJvm(ProcessSchedulerProperties properties) {
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException(
                "the process scheduler cannot tell which java runs this controller, so it cannot start workers"));
        String classPath = System.getProperty("java.class.path");
        return new WorkerCommand(java, classPath, isBootJar(classPath), Runtime.version().feature(),
                properties.workerHeap().toMegabytes(), properties.jvmOptions(), WORKER_MAIN);
    }

    /** A controller started with {@code java -jar} from a Spring Boot jar: the worker's classes are nested in it. */
    private static boolean isBootJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return Optional.ofNullable(jar.getManifest())
                    .map(manifest -> manifest.getMainAttributes().getValue("Main-Class"))
                    .filter(main -> main.startsWith("org.springframework.boot.loader."))
                    .isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of the controller's jar " + classPath, e);
        }
    }

    /**
     * The worker's process, not yet started. The class path goes in {@code CLASSPATH} rather than on
     * the command line: a long command line hides every argument from {@code ps} and
     * {@link ProcessHandle.Info#arguments()}, and the arguments say which worker a process is.
     */
    ProcessBuilder forWorker(String workerId, String jobId, long runId, int slots, String controlPlane, long parentPid) {
        ProcessBuilder builder = new ProcessBuilder(commandLine(workerId, jobId, runId, slots, controlPlane,
                Optional.of(parentPid)));
        builder.environment().put("CLASSPATH", classPath);
        return builder;
    }

    /**
     * The worker's command line, for a process or a container; the class path goes in
     * {@code CLASSPATH} (see {@link #forWorker}).
     *
     * @param parentPid the process whose end ends the worker, for a worker that is a child of this
     *     controller; a worker in a container has no such parent
     */
    List<String> commandLine(String workerId, String jobId, long runId, int slots, String controlPlane,
            Optional<Long> parentPid) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx" + heapMegabytes + "m");
        // Arrow reads direct buffers through java.nio internals and, on JDK 24+, sun.misc.Unsafe.
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        if (runtimeFeature >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(jvmOptions);
        if (bootJar) {
            command.add("-Dloader.main=" + mainClass);
            command.add(BOOT_LAUNCHER);
        } else {
            command.add(mainClass);
        }
        command.add("--controller=" + controlPlane);
        command.add("--worker-id=" + workerId);
        command.add("--job-id=" + jobId);
        command.add("--run-id=" + runId);
        command.add("--slots=" + slots);
        parentPid.ifPresent(pid -> command.add("--parent-pid=" + pid));
        return List.copyOf(command);
    }
}
