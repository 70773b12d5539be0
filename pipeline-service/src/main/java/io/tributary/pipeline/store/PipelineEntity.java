package io.tributary.pipeline.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "pipelines")
public class PipelineEntity {
    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String query;

    private int parallelism;

    @Column(name = "checkpoint_interval_micros")
    private long checkpointIntervalMicros;

    private boolean preview;

    @Column(nullable = false)
    private String stop;

    /** The planned {@code LogicalProgram}, protobuf-encoded. */
    @Column(nullable = false)
    private byte[] program;

    @Column(name = "created_at")
    private long createdAt;

    protected PipelineEntity() {}

    public PipelineEntity(String id, String name, String query, int parallelism, long checkpointIntervalMicros,
            boolean preview, String stop, byte[] program, long createdAt) {
        this.id = id;
        this.name = name;
        this.query = query;
        this.parallelism = parallelism;
        this.checkpointIntervalMicros = checkpointIntervalMicros;
        this.preview = preview;
        this.stop = stop;
        this.program = program;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getQuery() {
        return query;
    }

    public int getParallelism() {
        return parallelism;
    }

    public long getCheckpointIntervalMicros() {
        return checkpointIntervalMicros;
    }

    public boolean isPreview() {
        return preview;
    }

    public String getStop() {
        return stop;
    }

    public void setStop(String stop) {
        this.stop = stop;
    }

    public byte[] getProgram() {
        return program;
    }

    /** A new parallelism comes with the program planned for it. */
    public void replan(int parallelism, byte[] program) {
        this.parallelism = parallelism;
        this.program = program;
    }

    public void setCheckpointIntervalMicros(long checkpointIntervalMicros) {
        this.checkpointIntervalMicros = checkpointIntervalMicros;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
