package io.tributary.engine.runtime;

/** How a running job is asked to stop. */
public enum StopMode {
  /** Sources stop reading; every row already read flows through to the sinks. */
  GRACEFUL,
  /** Tasks are cancelled where they are. */
  IMMEDIATE
}
