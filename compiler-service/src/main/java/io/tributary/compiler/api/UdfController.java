package io.tributary.compiler.api;

import io.tributary.api.model.UdfBuild;
import io.tributary.api.model.ValidateUdfPost;
import io.tributary.compiler.udf.UdfArtifacts;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/udfs/build}: compiles a UDF's Java source into a jar in the artifact
 * store (or finds it there by content hash) and says whether it is valid. The pipeline service
 * calls it to validate and to store UDFs; invalid source is a 200 carrying the errors.
 */
@RestController
public class UdfController {
    private final UdfArtifacts artifacts;

    public UdfController(UdfArtifacts artifacts) {
        this.artifacts = artifacts;
    }

    @PostMapping(path = "/internal/v1/udfs/build", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public UdfBuild build(@RequestBody ValidateUdfPost body) {
        return artifacts.build(body.definition());
    }
}
