package io.tributary.connectors.format;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Field names of a JSON object to column (or struct field) indices, fast when the objects of a
 * stream repeat one key order, as generated data does: the key at position {@code i} of an
 * object is first compared with the key that came at position {@code i} last time (the same
 * canonical String from the parser, so usually an identity match), and only otherwise looked up
 * in a map. Not thread-safe, like the reader that owns it.
 */
final class FieldNames {
  private static final int REMEMBERED = 32;

  private final Map<String, Integer> indices = new HashMap<>();
  private final String[] lastNames = new String[REMEMBERED];
  private final int[] lastIndices = new int[REMEMBERED];

  FieldNames(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      indices.put(names.get(i), i);
    }
  }

  /** The index of {@code name}, found at key {@code position} of its object; -1 if unknown. */
  int indexOf(String name, int position) {
    if (position < REMEMBERED && name.equals(lastNames[position])) {
      return lastIndices[position];
    }
    Integer found = indices.get(name);
    int index = found == null ? -1 : found;
    if (position < REMEMBERED) {
      lastNames[position] = name;
      lastIndices[position] = index;
    }
    return index;
  }
}
