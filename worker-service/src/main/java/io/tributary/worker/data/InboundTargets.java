package io.tributary.worker.data;

import io.tributary.engine.runtime.OutputChannel;
import io.tributary.proto.data.ExchangeHeader;

/** Where the frames of an incoming stream go: the local channel into the receiving subtask's input. */
@FunctionalInterface
public interface InboundTargets {
    /**
     * The channel for the stream the header opens, waiting for the receiving run to start here.
     *
     * @throws DataPlaneException if this worker does not (or no longer) run the receiver
     */
    OutputChannel open(ExchangeHeader header) throws InterruptedException;
}
