package io.tributary.api.client;

/** A live subscription to a job's output stream; closing it ends the stream. */
public interface OutputSubscription extends AutoCloseable {
    @Override
    void close();
}
