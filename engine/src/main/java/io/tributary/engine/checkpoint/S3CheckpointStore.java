package io.tributary.engine.checkpoint;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A checkpoint store in S3 or an S3-compatible object store (MinIO, Ceph, S3Proxy, …).
 *
 * <p>URL: {@code s3://bucket[/prefix][?endpoint=URL][&region=NAME][&access_key_id=ID&secret_access_key=SECRET[&session_token=TOKEN]]}
 * <ul>
 *   <li>{@code endpoint}: an S3-compatible server, e.g. {@code http://127.0.0.1:9000}; without it, AWS.
 *   <li>{@code region}: the signing region; without it the SDK's default chain ({@code AWS_REGION},
 *       {@code ~/.aws/config}, instance metadata), and {@code us-east-1} if that finds none
 *       (S3-compatible servers accept any region).
 *   <li>{@code access_key_id}, {@code secret_access_key}, {@code session_token}: static credentials;
 *       without them the SDK's default chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 *       {@code ~/.aws/credentials}, web identity, instance or container role).
 * </ul>
 * A store path {@code p} is the object key {@code prefix + p}. Requests use path-style addressing
 * ({@code endpoint/bucket/key}), which every S3-compatible server and AWS accept, and which needs no
 * DNS name per bucket.
 *
 * <p>{@link #write} is one PutObject, which S3 makes visible all at once, so the store keeps the
 * interface's promise that readers never see a torn object, and a checkpoint's metadata written
 * last still marks it complete. {@link #create} buffers one part at a time: an object smaller
 * than a part is one PutObject, a larger one a multipart upload (completed on publish, which
 * is just as atomic; aborted on close without publish, so no parts are left to pay for).
 */
public final class S3CheckpointStore implements CheckpointStore, AutoCloseable {
  /** DeleteObjects takes at most 1000 keys per request. */
  private static final int DELETE_BATCH = 1000;
  /** The SDK needs a region to sign with; S3-compatible servers take any, and us-east-1 is AWS's global one. */
  private static final Region FALLBACK_REGION = Region.US_EAST_1;

  /** S3's least part size (except the last part) is 5 MiB; 8 MiB keeps a 1 GB file at 128 parts. */
  static final int DEFAULT_PART_BYTES = 8 << 20;

  private final S3Location location;
  private final S3Client client;
  private final int partBytes;

  public S3CheckpointStore(S3Location location) {
    this(location, DEFAULT_PART_BYTES);
  }

  /** @param partBytes the size of a multipart upload's parts, at least S3's 5 MiB */
  S3CheckpointStore(S3Location location, int partBytes) {
    this.location = requireNonNull(location, "location is null");
    if (partBytes < 5 << 20) {
      throw new IllegalArgumentException("S3 parts must be at least 5 MiB, not " + partBytes + " bytes");
    }
    this.partBytes = partBytes;
    this.client = client(location);
  }

  /** Opens the store a {@code s3://} URL names (see the class comment for the syntax). */
  public static S3CheckpointStore open(String url) {
    return new S3CheckpointStore(S3Location.parse(url));
  }

  public S3Location s3Location() {
    return location;
  }

  private static S3Client client(S3Location location) {
    S3ClientBuilder builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(location.region().map(Region::of).orElseGet(S3CheckpointStore::defaultRegion))
        .credentialsProvider(location.credentials().map(S3CheckpointStore::staticCredentials)
            .orElseGet(() -> DefaultCredentialsProvider.builder().build()))
        .forcePathStyle(true);
    location.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
        // Since SDK 2.30 uploads carry a CRC trailer by default and DeleteObjects a CRC header
        // instead of Content-MD5; many S3-compatible servers (older MinIO and Ceph, OVH) reject the
        // trailer or insist on Content-MD5. So: checksums only where S3 requires them, plus MD5.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .addPlugin(LegacyMd5Plugin.create()));
    return builder.build();
  }

  private static Region defaultRegion() {
    try {
      return DefaultAwsRegionProviderChain.builder().build().getRegion();
    } catch (SdkException e) {
      return FALLBACK_REGION;
    }
  }

  private static AwsCredentialsProvider staticCredentials(S3Location.Credentials credentials) {
    return StaticCredentialsProvider.create(credentials.sessionToken()
        .<AwsCredentials>map(token ->
            AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), token))
        .orElseGet(() -> AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())));
  }

  @Override
  public void write(String path, byte[] content) {
    requireNonNull(content, "content is null");
    String key = key(path);
    try {
      client.putObject(request -> request.bucket(location.bucket()).key(key), RequestBody.fromBytes(content));
    } catch (SdkException e) {
      throw failure("write", path, e);
    }
  }

  @Override
  public Optional<byte[]> read(String path) {
    String key = key(path);
    try {
      return Optional.of(client.getObjectAsBytes(request -> request.bucket(location.bucket()).key(key)).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("read", path, e);
    }
  }

  @Override
  public StoreOutput create(String path) {
    return new MultipartOutput(path, key(path));
  }

  @Override
  public Optional<InputStream> readStream(String path) {
    String key = key(path);
    try {
      return Optional.of(client.getObject(request -> request.bucket(location.bucket()).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw failure("read", path, e);
    }
  }

  @Override
  public void delete(Collection<String> paths) {
    deleteKeys(paths.stream().map(this::key).toList(), "delete files of");
  }

  @Override
  public List<String> list(String prefix) {
    // Keys ending in '/' are "folder" markers (the AWS console and file-backed servers make them);
    // they are no store path, since key() refuses paths ending in '/'.
    return keys(prefix, "list").stream()
        .filter(key -> !key.endsWith("/"))
        .map(key -> key.substring(location.prefix().length()))
        .sorted()
        .toList();
  }

  @Override
  public void deleteAll(String prefix) {
    deleteKeys(keys(prefix, "delete everything under"), "delete everything under '" + prefix + "' in");
  }

  private void deleteKeys(List<String> keys, String operation) {
    try {
      for (int start = 0; start < keys.size(); start += DELETE_BATCH) {
        List<ObjectIdentifier> batch = keys.subList(start, Math.min(keys.size(), start + DELETE_BATCH)).stream()
            .map(key -> ObjectIdentifier.builder().key(key).build())
            .toList();
        DeleteObjectsResponse response = client.deleteObjects(request -> request.bucket(location.bucket())
            .delete(Delete.builder().objects(batch).quiet(true).build()));
        // DeleteObjects answers 200 even when single keys failed; those come back as errors.
        if (response.hasErrors() && !response.errors().isEmpty()) {
          S3Error first = response.errors().getFirst();
          throw new CheckpointStoreException("cannot " + operation + " checkpoint store "
              + location() + ": " + response.errors().size() + " objects were not deleted, the first '"
              + first.key() + "': " + first.code() + " " + first.message());
        }
      }
    } catch (SdkException e) {
      throw new CheckpointStoreException(
          "cannot " + operation + " checkpoint store " + location() + ": " + e.getMessage(), e);
    }
  }

  /** Every object key under a store prefix, folder markers included, through as many pages as it takes. */
  private List<String> keys(String prefix, String operation) {
    String keyPrefix = keyPrefix(prefix);
    try {
      return client.listObjectsV2Paginator(request -> request.bucket(location.bucket()).prefix(keyPrefix))
          .contents().stream()
          .map(S3Object::key)
          .toList();
    } catch (SdkException e) {
      throw failure(operation, prefix, e);
    }
  }

  @Override
  public String location() {
    return location.url();
  }

  @Override
  public void close() {
    client.close();
  }

  /** Buffers one part; the first full part starts a multipart upload, publish completes it. */
  private final class MultipartOutput extends StoreOutput {
    private final String path;
    private final String key;
    private final ByteArrayOutputStream part = new ByteArrayOutputStream();
    private final List<CompletedPart> parts = new ArrayList<>();
    private Optional<String> uploadId = Optional.empty();

    MultipartOutput(String path, String key) {
      this.path = path;
      this.key = key;
    }

    @Override
    protected void doWrite(byte[] bytes, int offset, int length) {
      int done = 0;
      while (done < length) {
        int take = Math.min(length - done, partBytes - part.size());
        part.write(bytes, offset + done, take);
        done += take;
        if (part.size() == partBytes) {
          uploadPart();
        }
      }
    }

    private void uploadPart() {
      try {
        if (uploadId.isEmpty()) {
          uploadId = Optional.of(client.createMultipartUpload(request -> request.bucket(location.bucket()).key(key))
              .uploadId());
        }
        int number = parts.size() + 1;
        String etag = client.uploadPart(request -> request.bucket(location.bucket()).key(key)
                .uploadId(uploadId.get()).partNumber(number),
            RequestBody.fromBytes(part.toByteArray())).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        part.reset();
      } catch (SdkException e) {
        doAbort();
        throw failure("write", path, e);
      }
    }

    @Override
    protected void doPublish() {
      if (uploadId.isEmpty()) {
        S3CheckpointStore.this.write(path, part.toByteArray());
        return;
      }
      if (part.size() > 0) {
        uploadPart();
      }
      try {
        client.completeMultipartUpload(request -> request.bucket(location.bucket()).key(key)
            .uploadId(uploadId.get()).multipartUpload(upload -> upload.parts(parts)));
      } catch (SdkException e) {
        doAbort();
        throw failure("write", path, e);
      }
    }

    @Override
    protected void doAbort() {
      part.reset();
      uploadId.ifPresent(id -> {
        try {
          client.abortMultipartUpload(request -> request.bucket(location.bucket()).key(key).uploadId(id));
        } catch (SdkException e) {
          // The bucket's lifecycle rule for incomplete uploads is the backstop; the write failed anyway.
        }
      });
      uploadId = Optional.empty();
    }
  }

  /** The object key of a store path; refuses paths that would not be plain keys under the prefix. */
  private String key(String path) {
    requireNonNull(path, "path is null");
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || !plainSegments(path)) {
      throw new IllegalArgumentException("'" + path + "' is not a path inside the checkpoint store " + location());
    }
    return location.prefix() + path;
  }

  private String keyPrefix(String prefix) {
    requireNonNull(prefix, "prefix is null");
    if (!prefix.endsWith("/")) {
      throw new IllegalArgumentException("a prefix must end in '/': '" + prefix + "'");
    }
    return key(prefix.substring(0, prefix.length() - 1)) + "/";
  }

  /** No empty, "." or ".." segments: on a file system they would name another file, here another key. */
  private static boolean plainSegments(String path) {
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  private CheckpointStoreException failure(String operation, String path, SdkException e) {
    return new CheckpointStoreException(
        "cannot " + operation + " '" + path + "' in checkpoint store " + location() + ": " + e.getMessage(), e);
  }
}
