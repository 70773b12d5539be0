package io.tributary.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract and S3's own behaviour, against S3Proxy on loopback. */
@ExtendWith(S3ProxyExtension.class)
class S3CheckpointStoreTest extends CheckpointStoreContract {
  private S3Proxy proxy;
  private final List<S3CheckpointStore> opened = new ArrayList<>();

  @BeforeEach
  void setUp(S3Proxy proxy) {
    this.proxy = proxy;
  }

  @AfterEach
  void closeStores() {
    opened.forEach(S3CheckpointStore::close);
  }

  private S3CheckpointStore open(String url) {
    S3CheckpointStore store = S3CheckpointStore.open(url);
    opened.add(store);
    return store;
  }

  /** A store under a prefix, so that every contract test also checks that paths map below it. */
  @Override
  CheckpointStore store() {
    return open(proxy.url(proxy.createBucket(), "tenant/checkpoints"));
  }

  @Test
  void keepsObjectsUnderItsPrefix() {
    String bucket = proxy.createBucket();
    S3CheckpointStore store = open(proxy.url(bucket, "tenant/checkpoints/"));
    store.write("job/file", "content".getBytes(StandardCharsets.UTF_8));

    assertThat(open(proxy.url(bucket, "")).list("tenant/")).containsExactly("tenant/checkpoints/job/file");
    assertThat(open(proxy.url(bucket, "tenant/other")).list("job/")).isEmpty();
    assertThat(store.s3Location().prefix()).isEqualTo("tenant/checkpoints/");
  }

  @Test
  void locationNamesBucketPrefixEndpointAndRegionButNoCredentials() {
    S3CheckpointStore store = open(proxy.url("some-bucket", "a/b"));
    assertThat(store.location())
        .isEqualTo("s3://some-bucket/a/b/?endpoint=" + proxy.endpoint() + "&region=us-east-1")
        .doesNotContain(S3Proxy.SECRET_ACCESS_KEY).doesNotContain(S3Proxy.ACCESS_KEY_ID);
  }

  @Test
  void aMissingBucketIsAnErrorNotAnEmptyStore() {
    S3CheckpointStore store = open(proxy.url("no-such-bucket", "prefix"));
    assertThatThrownBy(() -> store.write("job/file", new byte[] {1}))
        .isInstanceOf(CheckpointStoreException.class)
        .hasMessageContaining("cannot write 'job/file' in checkpoint store s3://no-such-bucket/prefix/?endpoint="
            + proxy.endpoint());
    assertThatThrownBy(() -> store.read("job/file"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("cannot read 'job/file'");
    assertThatThrownBy(() -> store.list("job/"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("cannot list 'job/'");
  }

  @Test
  void wrongCredentialsAreAnErrorThatDoesNotRepeatTheSecret() {
    String url = proxy.url(proxy.createBucket(), "prefix")
        .replace(S3Proxy.SECRET_ACCESS_KEY, "wrong-secret");
    S3CheckpointStore store = open(url);
    assertThatThrownBy(() -> store.read("job/file"))
        .isInstanceOf(CheckpointStoreException.class)
        .hasMessageContaining("cannot read 'job/file'")
        .hasMessageNotContaining("wrong-secret");
  }

  @Test
  void opensByUrl() {
    CheckpointStore store = CheckpointStores.open(proxy.url(proxy.createBucket(), "p"));
    try {
      assertThat(store).isInstanceOf(S3CheckpointStore.class);
      store.write("job/file", new byte[] {7});
      assertThat(store.list("job/")).containsExactly("job/file");
    } finally {
      ((S3CheckpointStore) store).close();
    }
  }
}
