package io.tributary.pipeline.udfs;

import io.tributary.api.model.GlobalUdf;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.UdfBuild;
import io.tributary.api.model.UdfPost;
import io.tributary.api.model.UdfSignature;
import io.tributary.api.model.UdfValidationResult;
import io.tributary.pipeline.api.ApiException;
import io.tributary.pipeline.store.PublicIds;
import io.tributary.pipeline.store.StoredUdf;
import io.tributary.pipeline.store.UdfStore;
import io.tributary.sql.catalog.UdfDefinition;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Global UDFs: built by the compiler service (which caches jars by content), stored with their jar's location. */
@Service
public class UdfManager {
    private final UdfStore store;
    private final UdfCompilerClient compiler;
    private final Clock clock = Clock.systemUTC();

    public UdfManager(UdfStore store, UdfCompilerClient compiler) {
        this.store = store;
        this.compiler = compiler;
    }

    public UdfValidationResult validate(String definition) {
        return compiler.build(definition).validation();
    }

    @Transactional
    public GlobalUdf create(UdfPost post) {
        if (post.definition().isBlank()) {
            throw ApiException.badRequest("a UDF needs a definition: Java source with one @Udf method");
        }
        UdfBuild build = compiler.build(post.definition());
        String name = build.validation().udfName().orElseThrow(() -> ApiException.badRequest(
                "the UDF does not compile: " + String.join("; ", build.validation().errors())));
        if (store.byName(name).isPresent()) {
            throw ApiException.conflict("a UDF named '" + name + "' exists already");
        }
        long now = clock.millis() * 1000;
        StoredUdf udf = new StoredUdf(PublicIds.udfId(), post.prefix(), name, post.definition(), post.description(),
                build.artifactUrl().orElseThrow(), now, now, build.signature(), build.hash());
        store.insert(udf);
        return toApi(udf);
    }

    @Transactional(readOnly = true)
    public PaginatedCollection<GlobalUdf> list() {
        return new PaginatedCollection<>(store.all().stream().map(UdfManager::toApi).toList(), false);
    }

    /** What the planner needs to know of every stored UDF that can be called. */
    @Transactional(readOnly = true)
    public List<UdfDefinition> definitions() {
        return store.all().stream().flatMap(udf -> definition(udf).stream()).toList();
    }

    private static Optional<UdfDefinition> definition(StoredUdf udf) {
        return udf.signature().flatMap(signature -> udf.sourceHash().map(hash -> new UdfDefinition(signature.name(),
                udf.artifactUrl(), hash, signature.className(), signature.method(),
                signature.arguments().stream().map(UdfManager::type).toList(), type(signature.result()),
                signature.async().map(async -> new UdfDefinition.Async(async.ordered(), async.allowedInFlight(),
                        async.timeoutMillis())),
                signature.aggregate().map(aggregate -> new UdfDefinition.Aggregate(aggregate.retracts())))));
    }

    private static UdfDefinition.UdfType type(UdfSignature.UdfType type) {
        return UdfDefinition.UdfType.of(type.sqlType(), type.nullable());
    }

    @Transactional
    public void delete(String id) {
        if (!store.delete(id)) {
            throw ApiException.notFound("UDF", id);
        }
    }

    private static GlobalUdf toApi(StoredUdf udf) {
        return new GlobalUdf(udf.id(), udf.prefix(), udf.name(), udf.createdAt(), udf.updatedAt(), udf.definition(),
                udf.description(), udf.artifactUrl());
    }
}
