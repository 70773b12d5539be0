package io.tributary.worker.data;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.runtime.ChannelLevel;
import io.tributary.engine.runtime.CheckpointBarrier;
import io.tributary.engine.runtime.OutputChannel;
import io.tributary.proto.data.DataFrame;
import java.util.Optional;

/**
 * A channel to a subtask on another worker: one ordered stream of frames, each sent only with
 * a credit the receiver granted. Batches, watermarks, barriers and the end of the stream share
 * the stream, so a barrier arrives after exactly the rows sent before it. Only the sending
 * subtask's thread calls it.
 */
final class RemoteChannel implements OutputChannel {
    private final Credits credits;
    private final StreamObserver<DataFrame> stream;
    private volatile boolean ended;

    RemoteChannel(Credits credits, StreamObserver<DataFrame> stream) {
        this.credits = requireNonNull(credits, "credits is null");
        this.stream = requireNonNull(stream, "stream is null");
    }

    @Override
    public void send(RecordBatch batch) {
        DataFrame frame;
        try (batch) {
            credits.acquire();
            frame = Frames.batch(batch);
        }
        stream.onNext(frame);
    }

    @Override
    public void sendWatermark(Watermark watermark) {
        credits.acquire();
        stream.onNext(Frames.watermark(watermark));
    }

    @Override
    public void sendBarrier(CheckpointBarrier barrier) {
        credits.acquire();
        stream.onNext(Frames.barrier(barrier));
    }

    @Override
    public void sendEndOfStream() {
        credits.acquire();
        stream.onNext(Frames.END_OF_STREAM);
        stream.onCompleted();
        ended = true;
    }

    /** The credits in use: a receiver that grants none fills the channel. */
    @Override
    public ChannelLevel level() {
        return credits.level();
    }

    /** Why the channel can no longer send, once it cannot. */
    Optional<String> failure() {
        return credits.failure();
    }

    /** Whether the end of the stream was sent: what remains on the way is worth waiting for. */
    boolean ended() {
        return ended;
    }
}
