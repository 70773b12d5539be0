package io.tributary.worker.data;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.runtime.ChannelLevel;
import io.tributary.engine.runtime.CheckpointBarrier;
import io.tributary.engine.runtime.OutputChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Batches of one BIGINT column and what a channel received, in words, for data-plane tests. */
final class TestFrames {
    static final Schema SCHEMA = new Schema(List.of(
            new Field("v", FieldType.nullable(new ArrowType.Int(64, true)), null),
            new Field("_timestamp", FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)), null)));

    private TestFrames() {}

    /** A batch whose rows hold {@code values}, each at event time {@code value * 1000} ns. */
    static RecordBatch batch(BufferAllocator allocator, long... values) {
        try (BatchBuilder builder = new BatchBuilder(SCHEMA, allocator)) {
            for (long value : values) {
                builder.addRow(value * 1_000, value);
            }
            return builder.build();
        }
    }

    /** Records what reaches it as text ("batch [1, 2]", "watermark 5", "barrier 1", "end"), closing the batches. */
    static final class RecordingChannel implements OutputChannel {
        final List<String> received = new CopyOnWriteArrayList<>();

        @Override
        public void send(RecordBatch batch) {
            try (batch) {
                List<Long> values = new ArrayList<>();
                for (int row = 0; row < batch.rowCount(); row++) {
                    values.add((Long) batch.column(0).getObject(row));
                }
                received.add("batch " + values);
            }
        }

        @Override
        public void sendWatermark(Watermark watermark) {
            received.add(switch (watermark) {
                case Watermark.EventTime eventTime -> "watermark " + eventTime.epochNanos();
                case Watermark.Idle idle -> "idle";
            });
        }

        @Override
        public void sendBarrier(CheckpointBarrier barrier) {
            received.add("barrier " + barrier.epoch() + (barrier.thenStop() ? " then stop" : ""));
        }

        @Override
        public void sendEndOfStream() {
            received.add("end");
        }

        /** It takes everything at once: it never holds a sender back. */
        @Override
        public ChannelLevel level() {
            return new ChannelLevel(0, 0, 0);
        }
    }
}
