package io.tributary.controller.job;

import io.tributary.controller.ControllerProperties;
import io.tributary.controller.compile.CompilerClient;
import io.tributary.controller.leader.LeadershipListener;
import io.tributary.controller.metrics.JobLog;
import io.tributary.controller.output.OutputHub;
import io.tributary.controller.rpc.ControlPlaneServer;
import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.controller.schedule.Scheduler;
import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Finds the jobs that need supervising in the shared database (new ones, ones asked to run again,
 * ones a previous controller left) and runs one {@link JobSupervisor} per job on a virtual thread —
 * but only while this controller leads: the {@link io.tributary.controller.leader.LeaderElection}
 * says when. On election it takes over every job not ended, whoever ran it before (the supervisors
 * adopt them); when the lease is revoked it stops its supervisors, and with them the workers this
 * controller started, without recording anything more: the next leader owns the jobs from then on.
 */
@Component
public class JobManager implements JobEventRouter, LeadershipListener, SmartLifecycle {
    /** After the control plane, so that scheduled workers can register at once. */
    public static final int PHASE = ControlPlaneServer.PHASE + 100;

    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final JobStore store;
    private final CompilerClient compiler;
    private final Scheduler scheduler;
    private final WorkerRegistry registry;
    private final OutputHub output;
    private final JobLog log;
    private final ControllerProperties properties;
    private final Clock clock;
    private final Map<String, JobSupervisor> supervisors = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean leading;
    private Optional<Thread> poller = Optional.empty();

    @Autowired
    public JobManager(JobStore store, CompilerClient compiler, Scheduler scheduler, WorkerRegistry registry,
            OutputHub output, JobLog log, ControllerProperties properties) {
        this(store, compiler, scheduler, registry, output, log, properties, Clock.systemUTC());
    }

    JobManager(JobStore store, CompilerClient compiler, Scheduler scheduler, WorkerRegistry registry,
            OutputHub output, JobLog log, ControllerProperties properties, Clock clock) {
        this.store = store;
        this.compiler = compiler;
        this.scheduler = scheduler;
        this.registry = registry;
        this.output = output;
        this.log = log;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Hands the event to the job's supervisor. A worker registering for another run than the one the
     * supervisor schedules (a straggler of an older run, or of a previous controller's) is refused,
     * so that two runs of a job never work side by side.
     */
    @Override
    public boolean deliver(String jobId, JobEvent event) {
        JobSupervisor supervisor = supervisors.get(jobId);
        if (supervisor == null) {
            return false;
        }
        if (event instanceof JobEvent.WorkerRegistered registered && registered.worker().runId() != supervisor.runId()) {
            LOG.warn("job {}: refusing worker {} of run {}; the job is at run {}", jobId,
                    registered.worker().workerId(), registered.worker().runId(), supervisor.runId());
            return false;
        }
        supervisor.deliver(event);
        return true;
    }

    @Override
    public boolean leading() {
        return leading;
    }

    @Override
    public synchronized void elected(long epoch) {
        if (!running) {
            return;
        }
        stepDown();
        LOG.info("leading under lease epoch {}: taking over the jobs in the database", epoch);
        // Supervisors first, then registrations: a worker that re-registers sends the ends of tasks no
        // controller heard of at once, and they must find their job's supervisor here.
        try {
            superviseAll();
        } catch (RuntimeException e) {
            LOG.warn("reading jobs from the database failed; the poller tries again: {}", e.getMessage());
        }
        leading = true;
        poller = Optional.of(Thread.ofPlatform().daemon().name("job-manager-" + epoch).start(this::poll));
    }

    @Override
    public synchronized void revoked(long epoch) {
        LOG.warn("no longer leading (lease epoch {}): stopping supervision of {} jobs", epoch, supervisors.size());
        leading = false;
        stepDown();
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                superviseAll();
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

    private void superviseAll() {
        store.jobsToSupervise().stream()
                .filter(job -> !job.state().terminal() || job.restartRequested())
                .forEach(this::supervise);
    }

    private void supervise(JobRecord job) {
        supervisors.computeIfAbsent(job.jobId(), id -> {
            var supervisor = new JobSupervisor(job, store, compiler, scheduler, registry, output, log, properties, clock);
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

    /**
     * Stops the poller first (so that no supervisor starts behind the others' backs), then every
     * supervisor; an interrupted supervisor records nothing more and stops the workers it started.
     */
    private void stepDown() {
        poller.ifPresent(thread -> {
            thread.interrupt();
            join(thread);
        });
        poller = Optional.empty();
        threads.values().forEach(Thread::interrupt);
        threads.values().forEach(this::join);
    }

    private void join(Thread thread) {
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                LOG.warn("{} did not end within {} s of being stopped", thread.getName(), JOIN_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Supervision waits for the election; this only says whether it may begin. */
    @Override
    public synchronized void start() {
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        stepDown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
