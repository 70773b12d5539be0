package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The compiler service's answer to building a UDF ({@code POST /internal/v1/udfs/build}): the
 * validation, and for valid source the jar's location, its signature, its content hash and
 * whether it came from the cache.
 */
public record UdfBuild(UdfValidationResult validation, Optional<String> artifactUrl, Optional<UdfSignature> signature,
        Optional<String> hash, boolean cached) {
    public UdfBuild {
        requireNonNull(validation, "validation is null");
        artifactUrl = artifactUrl == null ? Optional.empty() : artifactUrl;
        signature = signature == null ? Optional.empty() : signature;
        hash = hash == null ? Optional.empty() : hash;
    }
}
