package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/** Values a profile's system offers for table fields, by field name (e.g. {@code topic} → topic names). */
public record ConnectionAutocompleteResp(Map<String, List<String>> values) {
    public ConnectionAutocompleteResp {
        values = Map.copyOf(requireNonNull(values, "values is null"));
    }
}
