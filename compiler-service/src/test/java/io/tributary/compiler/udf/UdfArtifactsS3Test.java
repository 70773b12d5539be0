package io.tributary.compiler.udf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.model.UdfBuild;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.engine.checkpoint.S3CheckpointStore;
import io.tributary.engine.checkpoint.S3Proxy;
import io.tributary.engine.checkpoint.S3ProxyExtension;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** UDF jars kept in S3 (S3Proxy on loopback) rather than in the compiler's directory. */
@ExtendWith(S3ProxyExtension.class)
class UdfArtifactsS3Test {
    private static final URI NO_REPOSITORY = URI.create("file:///nonexistent-repository/");

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void jarsGoToTheBucketUnderTheirHashAndTheUrlCarriesNoSecrets(S3Proxy proxy) {
        String bucket = proxy.createBucket();
        String store = proxy.url(bucket, "tenant/udfs");
        UdfBuild build;
        try (UdfArtifacts artifacts = new UdfArtifacts(first, NO_REPOSITORY, Optional.of(store))) {
            build = artifacts.build(UdfArtifactsTest.DOUBLE_IT);
        }

        String hash = UdfSource.of(UdfArtifactsTest.DOUBLE_IT).hash();
        assertThat(build.validation().errors()).isEmpty();
        assertThat(build.artifactUrl()).contains("s3://" + bucket + "/tenant/udfs/" + hash + ".jar?endpoint="
                + proxy.endpoint() + "&region=us-east-1");
        try (S3CheckpointStore wholeBucket = S3CheckpointStore.open(proxy.url(bucket, ""))) {
            assertThat(wholeBucket.list("tenant/")).containsExactly("tenant/udfs/" + hash + ".jar");
            // A zip's local file header: the object is the jar itself.
            assertThat(wholeBucket.read("tenant/udfs/" + hash + ".jar").orElseThrow()).startsWith(0x50, 0x4b);
        }
    }

    @Test
    void aCompilerWithAnotherDirectoryReusesTheStoredBuild(S3Proxy proxy) {
        String store = proxy.url(proxy.createBucket(), "udfs");
        UdfBuild built;
        try (UdfArtifacts artifacts = new UdfArtifacts(first, NO_REPOSITORY, Optional.of(store))) {
            built = artifacts.build(UdfArtifactsTest.DOUBLE_IT);
        }

        try (UdfArtifacts other = new UdfArtifacts(second, NO_REPOSITORY, Optional.of(store))) {
            UdfBuild again = other.build(UdfArtifactsTest.DOUBLE_IT);

            assertThat(other.compilations()).isZero();
            assertThat(again.cached()).isTrue();
            assertThat(again.signature()).isEqualTo(built.signature());
            assertThat(again.artifactUrl()).isEqualTo(built.artifactUrl());
        }
    }

    @Test
    void anArtifactUrlOfNoKnownStoreIsRefusedByName() {
        assertThatThrownBy(() -> new UdfArtifacts(first, NO_REPOSITORY, Optional.of("ftp://host/jars")))
                .isInstanceOf(CheckpointStoreException.class)
                .hasMessageContaining("ftp://host/jars");
    }
}
