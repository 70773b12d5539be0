package io.tributary.worker.data;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tributary.engine.runtime.OutputChannel;
import io.tributary.engine.runtime.TaskCancelledException;
import io.tributary.proto.data.CreditGrant;
import io.tributary.proto.data.DataFrame;
import io.tributary.proto.data.DataPlaneGrpc;
import io.tributary.proto.data.ExchangeHeader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of the data plane. Each incoming stream gets a virtual thread that hands its
 * frames, in order, to the receiving subtask's input queue; putting a batch waits while that queue
 * is full, and only once a frame is in the queue does the sender get a credit for another. The
 * frames waiting here are thus never more than the credits granted.
 */
public final class DataPlaneService extends DataPlaneGrpc.DataPlaneImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneService.class);

    private final InboundTargets targets;
    private final BufferAllocator allocator;
    private final int initialCredits;

    /**
     * @param allocator where received batches are read into, before they move to their receiver's
     * @param initialCredits frames a sender may send before the receiver has taken any
     */
    public DataPlaneService(InboundTargets targets, BufferAllocator allocator, int initialCredits) {
        this.targets = requireNonNull(targets, "targets is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        if (initialCredits < 1) {
            throw new IllegalArgumentException("a data-plane receiver must grant at least one credit, not " + initialCredits);
        }
        this.initialCredits = initialCredits;
    }

    @Override
    public StreamObserver<DataFrame> exchange(StreamObserver<CreditGrant> credits) {
        return new InboundStream(credits);
    }

    /** What arrives on a stream, for its delivery thread. */
    private sealed interface Arrival {
        record Frame(DataFrame frame) implements Arrival {}

        record Completed() implements Arrival {}

        record Aborted(Throwable cause) implements Arrival {}
    }

    private final class InboundStream implements StreamObserver<DataFrame> {
        private final StreamObserver<CreditGrant> credits;
        private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        private boolean started;

        InboundStream(StreamObserver<CreditGrant> credits) {
            this.credits = credits;
        }

        // gRPC calls a stream's observer from one thread at a time.
        @Override
        public void onNext(DataFrame frame) {
            if (started) {
                arrivals.add(new Arrival.Frame(frame));
                return;
            }
            started = true;
            if (!frame.hasHeader()) {
                credits.onError(Status.INVALID_ARGUMENT
                        .withDescription("a data-plane stream must start with its header, not a " + frame.getKindCase())
                        .asRuntimeException());
                return;
            }
            ExchangeHeader header = frame.getHeader();
            Thread.ofVirtual()
                    .name("data-in-" + header.getJobId() + "-" + header.getReceiverNodeId() + "-"
                            + header.getReceiverSubtaskIndex() + "-from-" + header.getSenderSubtaskIndex())
                    .start(() -> deliver(header));
        }

        @Override
        public void onError(Throwable error) {
            arrivals.add(new Arrival.Aborted(error));
        }

        @Override
        public void onCompleted() {
            arrivals.add(new Arrival.Completed());
        }

        private void deliver(ExchangeHeader header) {
            try {
                OutputChannel target = targets.open(header);
                credits.onNext(grant(initialCredits));
                while (true) {
                    switch (arrivals.take()) {
                        case Arrival.Frame(DataFrame frame) -> {
                            Frames.deliver(frame, target, allocator);
                            credits.onNext(grant(1));
                        }
                        case Arrival.Completed completed -> {
                            credits.onCompleted();
                            return;
                        }
                        case Arrival.Aborted(Throwable cause) -> {
                            // The sender is gone (its run was stopped or its worker died): the controller
                            // restarts the run, so what it did not send is sent again from a checkpoint.
                            LOG.info("data-plane stream from subtask {}-{} of job {} to subtask {}-{} ended: {}",
                                    header.getSenderNodeId(), header.getSenderSubtaskIndex(), header.getJobId(),
                                    header.getReceiverNodeId(), header.getReceiverSubtaskIndex(),
                                    Status.fromThrowable(cause));
                            return;
                        }
                    }
                }
            } catch (DataPlaneException e) {
                credits.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
            } catch (InterruptedException | TaskCancelledException e) {
                credits.onError(Status.CANCELLED.withDescription("the receiving worker is shutting down").asRuntimeException());
            } catch (RuntimeException e) {
                LOG.warn("data-plane stream to job {} failed", header.getJobId(), e);
                credits.onError(Status.INTERNAL.withDescription("the receiving worker could not take a frame of job "
                        + header.getJobId() + ": " + e.getMessage()).asRuntimeException());
            }
        }

        private static CreditGrant grant(int credits) {
            return CreditGrant.newBuilder().setCredits(credits).build();
        }
    }
}
