package io.tributary.controller.leader;

/**
 * Whether this controller holds the lease now. Operator metrics and output streams live only in the
 * leader's memory (workers report to it alone), so a standby must not answer for them as if it knew.
 */
@FunctionalInterface
public interface Leadership {
    boolean leading();

    /**
     * @param what what was asked for, as the error names it ("the operator metrics of job …")
     * @throws StandbyException when this controller does not lead
     */
    default void requireLeading(String what) {
        if (!leading()) {
            throw new StandbyException(what);
        }
    }
}
