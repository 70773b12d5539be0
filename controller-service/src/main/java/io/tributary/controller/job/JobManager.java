package io.tributary.controller.job;

import io.tributary.controller.ControllerProperties;
import io.tributary.controller.compile.CompilerClient;
import io.tributary.controller.output.OutputHub;
import io.tributary.controller.rpc.ControlPlaneServer;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.controller.schedule.Scheduler;
import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.JobStore;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Finds the jobs that need supervising in the shared database (new ones, ones asked to run again,
 * ones a previous controller left) and runs one {@link JobSupervisor} per job on a virtual thread.
 */
@Component
public class JobManager implements JobEventRouter, SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    private final JobStore store;
    private final CompilerClient compiler;
    private final Scheduler scheduler;
    private final WorkerRegistry registry;
    private final OutputHub output;
    private final ControllerProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, JobSupervisor> supervisors = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private volatile Thread poller;

    public JobManager(JobStore store, CompilerClient compiler, Scheduler scheduler, WorkerRegistry registry,
            OutputHub output, ControllerProperties properties) {
        this.store = store;
        this.compiler = compiler;
        this.scheduler = scheduler;
        this.registry = registry;
        this.output = output;
        this.properties = properties;
    }

    @Override
    public boolean deliver(String jobId, JobEvent event) {
        JobSupervisor supervisor = supervisors.get(jobId);
        if (supervisor == null) {
            return false;
        }
        supervisor.deliver(event);
        return true;
    }

    @Override
    public void start() {
        poller = Thread.ofPlatform().daemon().name("job-manager").start(this::poll);
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                store.jobsToSupervise().stream()
                        .filter(job -> !job.state().terminal() || job.restartRequested())
                        .forEach(this::supervise);
                Thread.sleep(properties.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warn("reading jobs from the database failed; trying again: {}", e.getMessage());
                try {
                    Thread.sleep(properties.pollInterval().multipliedBy(4));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void supervise(JobRecord job) {
        supervisors.computeIfAbsent(job.jobId(), id -> {
            var supervisor = new JobSupervisor(job, store, compiler, scheduler, registry, output, properties, clock);
            threads.put(id, Thread.ofVirtual().name("job-" + id).start(() -> {
                try {
                    supervisor.run();
                } finally {
                    supervisors.remove(id);
                    threads.remove(id);
                }
            }));
            return supervisor;
        });
    }

    @Override
    public void stop() {
        Thread running = poller;
        if (running != null) {
            running.interrupt();
            poller = null;
        }
        threads.values().forEach(Thread::interrupt);
        for (Thread thread : threads.values()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /** After the control plane, so that scheduled workers can register at once. */
    @Override
    public int getPhase() {
        return ControlPlaneServer.PHASE + 100;
    }
}
