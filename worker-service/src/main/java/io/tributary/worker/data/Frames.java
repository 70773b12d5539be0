package io.tributary.worker.data;

import com.google.protobuf.UnsafeByteOperations;
import io.tributary.engine.batch.ArrowIpc;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.runtime.CheckpointBarrier;
import io.tributary.engine.runtime.OutputChannel;
import io.tributary.proto.data.Barrier;
import io.tributary.proto.data.DataFrame;
import io.tributary.proto.data.EndOfStream;
import org.apache.arrow.memory.BufferAllocator;

/** What a channel sends, as data-plane frames and back. */
final class Frames {
    static final DataFrame END_OF_STREAM = DataFrame.newBuilder()
            .setEndOfStream(EndOfStream.getDefaultInstance())
            .build();

    private Frames() {}

    /** The batch as Arrow IPC bytes; the batch stays the caller's. */
    static DataFrame batch(RecordBatch batch) {
        // The serialized array is never touched again, so it is wrapped rather than copied.
        return DataFrame.newBuilder().setArrowBatch(UnsafeByteOperations.unsafeWrap(ArrowIpc.serialize(batch))).build();
    }

    static DataFrame watermark(Watermark watermark) {
        var proto = io.tributary.proto.data.Watermark.newBuilder();
        switch (watermark) {
            case Watermark.EventTime eventTime -> proto.setEventTimeNanos(eventTime.epochNanos());
            case Watermark.Idle idle -> proto.setIdle(true);
        }
        return DataFrame.newBuilder().setWatermark(proto).build();
    }

    static DataFrame barrier(CheckpointBarrier barrier) {
        return DataFrame.newBuilder()
                .setBarrier(Barrier.newBuilder().setEpoch(barrier.epoch()).setThenStop(barrier.thenStop()))
                .build();
    }

    /**
     * Hands a received frame on to the local channel it is for, in the order frames came.
     *
     * @param allocator where a batch is read into before the channel moves it to its receiver
     * @throws DataPlaneException if the frame is not one a sender sends after its header
     */
    static void deliver(DataFrame frame, OutputChannel target, BufferAllocator allocator) {
        switch (frame.getKindCase()) {
            case ARROW_BATCH -> target.send(ArrowIpc.deserialize(frame.getArrowBatch().toByteArray(), allocator));
            case WATERMARK -> target.sendWatermark(frame.getWatermark().getKindCase()
                    == io.tributary.proto.data.Watermark.KindCase.IDLE
                            ? Watermark.IDLE
                            : Watermark.eventTime(frame.getWatermark().getEventTimeNanos()));
            case BARRIER -> target.sendBarrier(
                    new CheckpointBarrier(frame.getBarrier().getEpoch(), frame.getBarrier().getThenStop()));
            case END_OF_STREAM -> target.sendEndOfStream();
            case HEADER, KIND_NOT_SET -> throw new DataPlaneException(
                    "a data-plane stream carried a " + frame.getKindCase() + " frame after its header");
        }
    }
}
