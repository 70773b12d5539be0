package io.tributary.controller.job;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.runtime.SubtaskId;
import io.tributary.proto.control.RunningExecution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a new leader adopts a run a previous leader started: the run goes on, on the
 * same workers, once every worker recorded for it has re-registered and the subtasks they report
 * running are exactly the run's. A worker that came back without the run, or a subtask that no
 * longer runs, decides at once for a recovery; workers that do not come back before the deadline
 * decide for it when the deadline passes.
 */
final class RunAdoption {
    /** A registered worker as adoption sees it: where it serves and what it said it runs. */
    record Reattached(String workerId, String rpcAddress, List<RunningExecution> executions) {
        Reattached {
            requireNonNull(workerId, "workerId is null");
            requireNonNull(rpcAddress, "rpcAddress is null");
            executions = List.copyOf(executions);
        }
    }

    sealed interface Decision {
        /** The run goes on with these workers, in the order the run recorded them. */
        record Adopt(List<String> workerIds) implements Decision {
            public Adopt {
                workerIds = List.copyOf(workerIds);
            }
        }

        /** Not every worker is back yet, and there is time left. */
        record Wait(List<String> missingAddresses) implements Decision {
            public Wait {
                missingAddresses = List.copyOf(missingAddresses);
            }
        }

        /** The run cannot be adopted: it recovers from its latest checkpoint, for this reason. */
        record Recover(String reason) implements Decision {
            public Recover {
                requireNonNull(reason, "reason is null");
            }
        }
    }

    private final String jobId;
    private final long runId;
    private final List<String> runWorkers;
    private final Set<SubtaskId> subtasks;
    private final Instant deadline;
    private final Duration patience;

    /**
     * @param runWorkers the rpc addresses of the run's workers, as the previous leader recorded them
     * @param subtasks every subtask of the run's program
     * @param startedAt when the new leader began to wait
     * @param patience how long it waits for the workers to come back
     */
    RunAdoption(String jobId, long runId, List<String> runWorkers, Set<SubtaskId> subtasks, Instant startedAt,
            Duration patience) {
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.runId = runId;
        this.runWorkers = List.copyOf(runWorkers);
        this.subtasks = Set.copyOf(subtasks);
        this.patience = requireNonNull(patience, "patience is null");
        this.deadline = requireNonNull(startedAt, "startedAt is null").plus(patience);
    }

    Decision decide(List<Reattached> registered, Instant now) {
        if (runWorkers.isEmpty()) {
            return new Decision.Recover("no worker of run " + runId + " was recorded");
        }
        List<String> adopted = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<SubtaskId> running = new HashSet<>();
        for (String address : runWorkers) {
            Optional<Reattached> worker = registered.stream().filter(w -> w.rpcAddress().equals(address)).findFirst();
            if (worker.isEmpty()) {
                missing.add(address);
                continue;
            }
            Optional<RunningExecution> execution = worker.get().executions().stream()
                    .filter(e -> e.getJobId().equals(jobId) && e.getRunId() == runId)
                    .findFirst();
            if (execution.isEmpty()) {
                return new Decision.Recover("worker " + worker.get().workerId() + " at " + address
                        + " came back without run " + runId);
            }
            adopted.add(worker.get().workerId());
            execution.get().getSubtasksList()
                    .forEach(subtask -> running.add(new SubtaskId(subtask.getNodeId(), subtask.getSubtaskIndex())));
        }
        if (!missing.isEmpty()) {
            return now.isBefore(deadline)
                    ? new Decision.Wait(missing)
                    : new Decision.Recover("the workers of run " + runId + " at " + String.join(", ", missing)
                            + " did not come back within " + patience.toSeconds() + " s");
        }
        if (!running.equals(subtasks)) {
            Set<String> gone = new TreeSet<>();
            subtasks.stream().filter(subtask -> !running.contains(subtask))
                    .forEach(subtask -> gone.add(subtask.nodeId() + "-" + subtask.subtaskIndex()));
            return new Decision.Recover(gone.isEmpty()
                    ? "the workers of run " + runId + " run subtasks its program does not have"
                    : "subtasks " + String.join(", ", gone) + " of run " + runId + " no longer run");
        }
        return new Decision.Adopt(adopted);
    }
}
