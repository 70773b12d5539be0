package io.tributary.worker.data;

import static java.util.Objects.requireNonNull;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tributary.engine.runtime.InvalidProgramException;
import io.tributary.engine.runtime.OutputChannel;
import io.tributary.engine.runtime.RemoteChannels;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.proto.data.CreditGrant;
import io.tributary.proto.data.DataFrame;
import io.tributary.proto.data.DataPlaneGrpc;
import io.tributary.proto.data.ExchangeHeader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The sending side of one run of a job on this worker: a stream per channel to a subtask that
 * another worker runs, over one gRPC connection per peer worker. Closed when the run's local
 * tasks have ended; closing lets the last frames of the streams that ended reach their receivers,
 * and cancels those of cancelled or failed tasks, which never end.
 */
public final class DataPlaneClient implements RemoteChannels, AutoCloseable {
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final String jobId;
    private final long runId;
    private final Map<SubtaskId, String> addresses;
    private final Function<String, ManagedChannel> connect;
    private final Map<String, ManagedChannel> peers = new ConcurrentHashMap<>();
    private final List<OpenStream> streams = new CopyOnWriteArrayList<>();

    private record OpenStream(RemoteChannel channel, ClientCallStreamObserver<DataFrame> stream) {}

    /** @param addresses host:port of the data plane of the worker that runs each remote subtask */
    public DataPlaneClient(String jobId, long runId, Map<SubtaskId, String> addresses) {
        this(jobId, runId, addresses, address -> NettyChannelBuilder.forTarget(address).usePlaintext().build());
    }

    DataPlaneClient(String jobId, long runId, Map<SubtaskId, String> addresses, Function<String, ManagedChannel> connect) {
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.runId = runId;
        this.addresses = Map.copyOf(requireNonNull(addresses, "addresses is null"));
        this.connect = requireNonNull(connect, "connect is null");
    }

    @Override
    public OutputChannel open(SubtaskId sender, SubtaskId receiver, int edgeIndex) {
        String address = addresses.get(receiver);
        if (address == null) {
            throw new InvalidProgramException("subtask " + receiver + " of job " + jobId + " (fed by " + sender
                    + ") is assigned to no worker");
        }
        String channel = "the channel from subtask " + sender + " to subtask " + receiver + " of job " + jobId
                + " (run " + runId + ") on the worker at " + address;
        Credits credits = new Credits(channel);
        DataPlaneGrpc.DataPlaneStub stub = DataPlaneGrpc.newStub(peers.computeIfAbsent(address, connect));
        // Opened while the controller's StartExecution call is handled: in that call's context the
        // stream would be cancelled as soon as the call returns, so it gets a context of its own.
        ClientCallStreamObserver<DataFrame> stream;
        Context previous = Context.ROOT.attach();
        try {
            stream = (ClientCallStreamObserver<DataFrame>) stub.exchange(new CreditObserver(credits));
        } finally {
            Context.ROOT.detach(previous);
        }
        stream.onNext(DataFrame.newBuilder().setHeader(ExchangeHeader.newBuilder()
                        .setJobId(jobId)
                        .setRunId(runId)
                        .setSenderNodeId(sender.nodeId())
                        .setSenderSubtaskIndex(sender.subtaskIndex())
                        .setReceiverNodeId(receiver.nodeId())
                        .setReceiverSubtaskIndex(receiver.subtaskIndex())
                        .setEdgeIndex(edgeIndex))
                .build());
        RemoteChannel opened = new RemoteChannel(credits, stream);
        streams.add(new OpenStream(opened, stream));
        return opened;
    }

    /**
     * Cancels the streams whose sender never sent its end, waits (up to half a minute) for the
     * others to deliver what was sent, then cuts what is left.
     */
    @Override
    public void close() {
        streams.stream()
                .filter(open -> !open.channel().ended())
                .forEach(open -> open.stream().cancel("the sending task ended without ending its stream", null));
        peers.values().forEach(ManagedChannel::shutdown);
        try {
            long deadline = System.nanoTime() + DRAIN.toNanos();
            for (ManagedChannel peer : peers.values()) {
                peer.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            peers.values().forEach(ManagedChannel::shutdownNow);
        }
    }

    /** Credits from the receiver; its end of the stream fails every later send with the reason. */
    private static final class CreditObserver implements StreamObserver<CreditGrant> {
        private final Credits credits;

        CreditObserver(Credits credits) {
            this.credits = credits;
        }

        @Override
        public void onNext(CreditGrant grant) {
            credits.grant(grant.getCredits());
        }

        @Override
        public void onError(Throwable error) {
            Status status = Status.fromThrowable(error);
            credits.fail("the receiving worker ended the stream: " + status.getCode()
                    + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")"));
        }

        @Override
        public void onCompleted() {
            credits.fail("the receiving worker closed the stream");
        }
    }
}
