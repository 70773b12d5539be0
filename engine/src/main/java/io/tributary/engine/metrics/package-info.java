/**
 * Per-subtask, per-operator counters of a running job, cheap enough for the hot path, and the
 * snapshots a worker reports to the controller.
 */
package io.tributary.engine.metrics;
