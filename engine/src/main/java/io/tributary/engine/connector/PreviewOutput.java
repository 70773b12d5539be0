package io.tributary.engine.connector;

import java.util.List;

/** Where preview rows go: to the job's listener, and on to the user's preview stream. */
public interface PreviewOutput {
  /**
   * @param jsonRows one JSON object per row, in the json format's rendering
   * @param timestampsMicros each row's event time, microseconds since the epoch
   */
  void rows(List<String> jsonRows, List<Long> timestampsMicros);

  /** This subtask's preview sink has received all its rows. */
  void finished();
}
