package io.tributary.pipeline.store;

import static java.util.Objects.requireNonNull;

import io.tributary.api.model.UdfSignature;
import java.util.Optional;

/**
 * A {@code udfs} row: the source as written, where its built jar is, and what SQL sees of it (its
 * signature and the source's hash, absent for UDFs stored before signatures were recorded).
 */
public record StoredUdf(String id, String prefix, String name, String definition, Optional<String> description,
        String artifactUrl, long createdAt, long updatedAt, Optional<UdfSignature> signature,
        Optional<String> sourceHash) {
    public StoredUdf {
        requireNonNull(id, "id is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(name, "name is null");
        requireNonNull(definition, "definition is null");
        requireNonNull(description, "description is null");
        requireNonNull(artifactUrl, "artifactUrl is null");
        requireNonNull(signature, "signature is null");
        requireNonNull(sourceHash, "sourceHash is null");
    }

    /** Without a signature. */
    public StoredUdf(String id, String prefix, String name, String definition, Optional<String> description,
            String artifactUrl, long createdAt, long updatedAt) {
        this(id, prefix, name, definition, description, artifactUrl, createdAt, updatedAt, Optional.empty(),
                Optional.empty());
    }
}
