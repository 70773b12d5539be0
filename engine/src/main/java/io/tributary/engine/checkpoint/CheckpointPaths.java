package io.tributary.engine.checkpoint;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * Where a job's checkpoints live in a {@link CheckpointStore}:
 *
 * <pre>
 * &lt;jobId&gt;/checkpoints/checkpoint-0000042/metadata.pb
 * &lt;jobId&gt;/checkpoints/checkpoint-0000042/&lt;operatorId&gt;/subtask-0003/&lt;table&gt;.arrow
 * </pre>
 *
 * A checkpoint is complete exactly when its {@code metadata.pb} exists: the coordinator writes
 * it last, after every subtask wrote its files. Epoch numbers are zero-padded so that the
 * store's sorted listing is also the epochs' order.
 */
public final class CheckpointPaths {
  private static final String CHECKPOINT_PREFIX = "checkpoint-";
  private static final String METADATA = "metadata.pb";
  private static final String TABLE_SUFFIX = ".arrow";

  private CheckpointPaths() {}

  /** The prefix under which every checkpoint of the job lives. */
  public static String checkpoints(String jobId) {
    return checkName(jobId, "job id") + "/checkpoints/";
  }

  public static String epochDirectory(String jobId, long epoch) {
    if (epoch <= 0) {
      throw new IllegalArgumentException("checkpoint epochs start at 1, not " + epoch);
    }
    return checkpoints(jobId) + CHECKPOINT_PREFIX + String.format("%07d", epoch) + "/";
  }

  public static String metadata(String jobId, long epoch) {
    return epochDirectory(jobId, epoch) + METADATA;
  }

  /** The file of one state table of one operator's subtask. */
  public static String table(String jobId, long epoch, String operatorId, int subtaskIndex, String table) {
    if (subtaskIndex < 0) {
      throw new IllegalArgumentException("subtask index must not be negative: " + subtaskIndex);
    }
    return epochDirectory(jobId, epoch) + checkName(operatorId, "operator id") + "/"
        + String.format("subtask-%04d", subtaskIndex) + "/" + checkName(table, "state table name") + TABLE_SUFFIX;
  }

  /** The state table a path written by {@link #table} holds. */
  public static String tableName(String path) {
    String file = path.substring(path.lastIndexOf('/') + 1);
    if (!file.endsWith(TABLE_SUFFIX)) {
      throw new IllegalArgumentException("'" + path + "' is not a state table file");
    }
    return file.substring(0, file.length() - TABLE_SUFFIX.length());
  }

  /** The epoch of any path inside a checkpoint of the job, or empty for other paths. */
  public static OptionalLong epochOf(String jobId, String path) {
    String prefix = checkpoints(jobId) + CHECKPOINT_PREFIX;
    if (!path.startsWith(prefix)) {
      return OptionalLong.empty();
    }
    int end = path.indexOf('/', prefix.length());
    if (end < 0) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(path.substring(prefix.length(), end)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Whether the path is a checkpoint's metadata file. */
  public static boolean isMetadata(String path) {
    return path.endsWith("/" + METADATA);
  }

  private static String checkName(String name, String what) {
    requireNonNull(name, what + " is null");
    if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(what + " '" + name + "' cannot be part of a checkpoint path");
    }
    return name;
  }
}
