package io.tributary.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.stub.StreamObserver;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.runtime.CheckpointBarrier;
import io.tributary.proto.data.DataFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Credit-based flow control on the sending side, with the stream replaced by a list of frames. */
class RemoteChannelTest {
    final BufferAllocator allocator = new RootAllocator();
    final Credits credits = new Credits("the test channel");
    final FrameList stream = new FrameList();
    final RemoteChannel channel = new RemoteChannel(credits, stream);

    @AfterEach
    void memoryIsReturned() {
        allocator.close();
    }

    @Test
    void aSenderWithoutCreditWaitsAndEachGrantLetsExactlyThatManyBatchesThrough() throws Exception {
        Thread sender = Thread.ofPlatform().start(() -> {
            for (long i = 1; i <= 5; i++) {
                channel.send(TestFrames.batch(allocator, i));
            }
        });

        await().until(credits::hasWaitingSender);
        assertThat(stream.frames).isEmpty();

        credits.grant(2);
        await().until(() -> stream.frames.size() == 2 && credits.hasWaitingSender());
        assertThat(stream.frames).hasSize(2);
        assertThat(credits.available()).isZero();

        credits.grant(3);
        sender.join();
        assertThat(stream.frames).hasSize(5);
        assertThat(stream.frames).allMatch(DataFrame::hasArrowBatch);
    }

    @Test
    void batchesWatermarksBarriersAndTheEndKeepTheirOrderOnTheStream() {
        credits.grant(6);
        RecordingTarget target = new RecordingTarget(allocator);

        channel.send(TestFrames.batch(allocator, 1, 2));
        channel.sendWatermark(Watermark.eventTime(2_000));
        channel.sendBarrier(new CheckpointBarrier(3, false));
        channel.send(TestFrames.batch(allocator, 3));
        channel.sendWatermark(Watermark.IDLE);
        channel.sendEndOfStream();

        stream.frames.forEach(target::deliver);
        assertThat(target.channel.received).containsExactly(
                "batch [1, 2]", "watermark 2000", "barrier 3", "batch [3]", "idle", "end");
        assertThat(stream.completed).isTrue();
    }

    @Test
    void aFailedChannelFailsTheWaitingSenderWithItsReasonAndFreesTheBatch() throws Exception {
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        Thread sender = Thread.ofPlatform().start(() -> {
            try {
                channel.send(TestFrames.batch(allocator, 1));
            } catch (RuntimeException e) {
                thrown.add(e);
            }
        });
        await().until(credits::hasWaitingSender);

        credits.fail("the receiving worker ended the stream: UNAVAILABLE");
        sender.join();

        assertThat(thrown).singleElement().isInstanceOf(DataPlaneException.class)
                .extracting(Throwable::getMessage)
                .isEqualTo("cannot send on the test channel: the receiving worker ended the stream: UNAVAILABLE");
        assertThat(stream.frames).isEmpty();
        assertThat(allocator.getAllocatedMemory()).isZero();
        assertThatThrownBy(() -> channel.sendEndOfStream()).isInstanceOf(DataPlaneException.class);
    }

    /** The frames a channel put on its stream. */
    static final class FrameList implements StreamObserver<DataFrame> {
        final List<DataFrame> frames = new CopyOnWriteArrayList<>();
        volatile boolean completed;

        @Override
        public void onNext(DataFrame frame) {
            frames.add(frame);
        }

        @Override
        public void onError(Throwable error) {
            throw new AssertionError("a sender never fails its own stream", error);
        }

        @Override
        public void onCompleted() {
            completed = true;
        }
    }

    /** Decodes frames as the receiving worker does. */
    record RecordingTarget(BufferAllocator allocator, TestFrames.RecordingChannel channel) {
        RecordingTarget(BufferAllocator allocator) {
            this(allocator, new TestFrames.RecordingChannel());
        }

        void deliver(DataFrame frame) {
            Frames.deliver(frame, channel, allocator);
        }
    }
}
