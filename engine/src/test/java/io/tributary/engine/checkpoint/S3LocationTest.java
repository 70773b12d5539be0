package io.tributary.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3LocationTest {
  @Test
  void parsesBucketPrefixAndEveryParameter() {
    S3Location location = S3Location.parse("s3://my_bucket/tenant/checkpoints?endpoint=http://127.0.0.1:9000"
        + "&region=eu-west-1&access_key_id=AKID&secret_access_key=se%2Fcret+with/plus&session_token=tok");
    assertThat(location.bucket()).isEqualTo("my_bucket");
    assertThat(location.prefix()).isEqualTo("tenant/checkpoints/");
    assertThat(location.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    assertThat(location.region()).contains("eu-west-1");
    assertThat(location.credentials()).contains(
        new S3Location.Credentials("AKID", "se/cret+with/plus", Optional.of("tok")));
    assertThat(location.url()).isEqualTo("s3://my_bucket/tenant/checkpoints/?endpoint=http://127.0.0.1:9000&region=eu-west-1");
    assertThat(location.toString()).doesNotContain("cret").doesNotContain("tok");
  }

  @Test
  void leavesWhatIsNotGivenToTheSdkDefaults() {
    S3Location location = S3Location.parse("s3://bucket");
    assertThat(location.prefix()).isEmpty();
    assertThat(location.endpoint()).isEmpty();
    assertThat(location.region()).isEmpty();
    assertThat(location.credentials()).isEmpty();
    assertThat(location.url()).isEqualTo("s3://bucket/");
    assertThat(S3Location.parse("s3://bucket/").prefix()).isEmpty();
    assertThat(S3Location.parse("s3://bucket/a/b/").prefix()).isEqualTo("a/b/");
  }

  @Test
  void refusesMalformedUrlsNamingThemWithoutSecrets() {
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/p?endpoint=http://h:1&secret_access_key=hush"))
        .isInstanceOf(CheckpointStoreException.class)
        .hasMessageContaining("access_key_id and secret_access_key go together")
        .hasMessageContaining("secret_access_key=***").hasMessageNotContaining("hush");
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/p?endpiont=http://h:1"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("unknown parameter 'endpiont'");
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/p?region=a&region=b"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("'region' is given twice");
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/p?endpoint=ftp://h"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("http(s)://host[:port]");
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/a//b"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("doubled slashes");
    assertThatThrownBy(() -> S3Location.parse("s3:///no-bucket"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("expected s3://bucket/prefix");
  }
}
