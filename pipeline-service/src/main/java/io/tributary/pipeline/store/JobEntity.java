package io.tributary.pipeline.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Optional;

/**
 * A job row. The pipeline service writes what is desired ({@code runningDesired}, {@code stopMode});
 * the controller writes what is ({@code state}, {@code runId}, times, failure).
 */
@Entity
@Table(name = "jobs")
public class JobEntity {
    @Id
    private String id;

    @Column(name = "pipeline_id", nullable = false)
    private String pipelineId;

    @Column(name = "running_desired")
    private boolean runningDesired;

    @Column(name = "stop_mode", nullable = false)
    private String stopMode;

    @Column(nullable = false)
    private String state;

    @Column(name = "run_id")
    private long runId;

    @Column(name = "start_time")
    private Long startTime;

    @Column(name = "finish_time")
    private Long finishTime;

    @Column(name = "failure_message")
    private String failureMessage;

    @Column(name = "ttl_micros")
    private Long ttlMicros;

    @Column(name = "created_at")
    private long createdAt;

    @Column(name = "updated_at")
    private long updatedAt;

    @Column(name = "restart_mode")
    private String restartMode;

    /** The job's checkpoint store when its pipeline chose one; the controller records its own otherwise. */
    @Column(name = "state_url")
    private String stateUrl;

    @Column(name = "restart_requested_at")
    private Long restartRequestedAt;

    protected JobEntity() {}

    public JobEntity(String id, String pipelineId, String state, Long ttlMicros, Optional<String> stateUrl, long createdAt) {
        this.id = id;
        this.stateUrl = stateUrl.orElse(null);
        this.pipelineId = pipelineId;
        this.runningDesired = true;
        this.stopMode = "none";
        this.state = state;
        this.ttlMicros = ttlMicros;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getPipelineId() {
        return pipelineId;
    }

    public boolean isRunningDesired() {
        return runningDesired;
    }

    public String getStopMode() {
        return stopMode;
    }

    /** Records what the user asked for; the controller acts on it. */
    public void desire(String stopMode, long nowMicros) {
        this.stopMode = stopMode;
        this.runningDesired = "none".equals(stopMode);
        this.updatedAt = nowMicros;
    }

    /**
     * Records a restart request, which also says the job should run. Its time follows every earlier
     * request and wish, even on a clock that stepped back: the controller tells requests apart by
     * it, and a stop asked for later (a later {@code updated_at}) overrides it.
     */
    public void requestRestart(String mode, long nowMicros) {
        long after = Math.max(updatedAt, restartRequestedAt == null ? 0 : restartRequestedAt) + 1;
        long at = Math.max(nowMicros, after);
        desire("none", at);
        this.restartMode = mode;
        this.restartRequestedAt = at;
    }

    public String getRestartMode() {
        return restartMode;
    }

    public Long getRestartRequestedAt() {
        return restartRequestedAt;
    }

    public String getState() {
        return state;
    }

    public long getRunId() {
        return runId;
    }

    public Long getStartTime() {
        return startTime;
    }

    public Long getFinishTime() {
        return finishTime;
    }

    public String getFailureMessage() {
        return failureMessage;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
