package io.tributary.pipeline.leader;

import java.util.List;

/** No controller answered a request as the leader: each was a standby or could not be reached. */
public final class NoLeaderException extends Exception {
    /**
     * @param path what was asked for
     * @param attempts what each controller tried did, in the order tried
     */
    public NoLeaderException(String path, List<String> attempts) {
        super("no controller answered " + path + " as the leader: " + String.join("; ", attempts));
    }
}
