package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

/** One step of testing a connection: {@code done} on the last message, {@code error} when it failed. */
public record TestSourceMessage(boolean error, boolean done, String message) {
    public TestSourceMessage {
        requireNonNull(message, "message is null");
    }

    public static TestSourceMessage info(String message) {
        return new TestSourceMessage(false, false, message);
    }

    public static TestSourceMessage done(String message) {
        return new TestSourceMessage(false, true, message);
    }

    public static TestSourceMessage fail(String message) {
        return new TestSourceMessage(true, true, message);
    }
}
