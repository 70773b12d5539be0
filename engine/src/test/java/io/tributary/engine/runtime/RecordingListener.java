package io.tributary.engine.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records task events, thread-safely. */
class RecordingListener implements ExecutionListener {
  record Failure(SubtaskId task, String operatorId, String message, String details) {}

  record Preview(String operatorId, int subtask, List<String> rows, List<Long> timestamps) {}

  final List<SubtaskId> started = Collections.synchronizedList(new ArrayList<>());
  final List<SubtaskId> finished = Collections.synchronizedList(new ArrayList<>());
  final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
  final List<Preview> previews = Collections.synchronizedList(new ArrayList<>());
  final List<String> previewsFinished = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void taskStarted(SubtaskId task) {
    started.add(task);
  }

  @Override
  public void taskFinished(SubtaskId task) {
    finished.add(task);
  }

  @Override
  public void taskFailed(SubtaskId task, String operatorId, String message, String details) {
    failures.add(new Failure(task, operatorId, message, details));
  }

  @Override
  public void previewRows(String operatorId, int subtaskIndex, List<String> jsonRows, List<Long> timestampsMicros) {
    previews.add(new Preview(operatorId, subtaskIndex, jsonRows, timestampsMicros));
  }

  @Override
  public void previewFinished(String operatorId, int subtaskIndex) {
    previewsFinished.add(operatorId + "/" + subtaskIndex);
  }
}
