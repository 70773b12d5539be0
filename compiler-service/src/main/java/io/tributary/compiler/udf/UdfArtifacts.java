package io.tributary.compiler.udf;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.QueryError;
import io.tributary.api.model.UdfBuild;
import io.tributary.api.model.UdfSignature;
import io.tributary.api.model.UdfValidationResult;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.CheckpointStores;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.checkpoint.S3CheckpointStore;
import io.tributary.engine.checkpoint.StoreOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * UDF jars in an artifact store (a local directory, or S3 through the checkpoint store code), one
 * per source content hash: the same source is never compiled twice. A jar carries the function's
 * signature ({@link #SIGNATURE}), so a cache hit needs no compiler, and compiler services sharing
 * a store share their builds.
 */
public final class UdfArtifacts implements AutoCloseable {
    /** The jar entry holding the {@link UdfSignature} as JSON. */
    static final String SIGNATURE = "META-INF/tributary-udf.json";

    private final Path directory;
    private final CheckpointStore jars;
    private final UdfCompiler compiler;
    private final UdfDependencies dependencies;
    private final AtomicLong compilations = new AtomicLong();

    /** Dependencies from Maven Central. */
    public UdfArtifacts(Path directory) {
        this(directory, UdfDependencies.CENTRAL);
    }

    /**
     * @param repositoryUrl the Maven repository dependencies are resolved from; they are cached in a
     *     local repository under {@code directory}
     */
    public UdfArtifacts(Path directory, java.net.URI repositoryUrl) {
        this(directory, repositoryUrl, Optional.empty());
    }

    /**
     * @param storeUrl where jars are kept, as {@link CheckpointStores#open} takes it
     *     ({@code s3://bucket/prefix?endpoint=…}); empty for {@code udfs/} under {@code directory}
     * @throws io.tributary.engine.checkpoint.CheckpointStoreException if the URL names no store
     */
    public UdfArtifacts(Path directory, java.net.URI repositoryUrl, Optional<String> storeUrl) {
        this.dependencies = new UdfDependencies(repositoryUrl, directory.resolve("maven-repository"));
        this.directory = directory.toAbsolutePath().resolve("udfs");
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the UDF artifact directory " + this.directory, e);
        }
        this.jars = storeUrl.map(CheckpointStores::open).orElseGet(() -> new LocalCheckpointStore(this.directory));
        this.compiler = new UdfCompiler(directory);
    }

    /** Compiles the source into its jar, or finds the jar an earlier build left. */
    public UdfBuild build(String text) {
        UdfSource source = UdfSource.of(text);
        String jar = source.hash() + ".jar";
        // A jar from a build that recorded no signature is built again.
        Optional<UdfSignature> cached = readSignature(jar);
        if (cached.isPresent()) {
            return built(source, artifactUrl(jar), cached.get(), true);
        }
        List<Path> jars;
        try {
            jars = dependencies.resolve(source.dependencies());
        } catch (UdfDependencies.UnresolvedException e) {
            return invalid(source, List.of(new QueryError(e.getMessage(), source.dependencyLine()
                    .map(line -> new io.tributary.api.model.SourceSpan(new io.tributary.api.model.SourcePosition(line, 1),
                            new io.tributary.api.model.SourcePosition(line, 1))))));
        }
        compilations.incrementAndGet();
        Path classes = null;
        try {
            classes = Files.createTempDirectory(directory, "build-");
            return switch (compiler.compile(source, classes, jars)) {
                case UdfCompiler.Result.Compiled compiled -> {
                    writeJar(classes, jars, compiled.signature(), jar);
                    yield built(source, artifactUrl(jar), compiled.signature(), false);
                }
                case UdfCompiler.Result.Invalid invalid -> invalid(source, invalid.errors());
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the UDF jar " + artifactUrl(jar), e);
        } finally {
            if (classes != null) {
                delete(classes);
            }
        }
    }

    /** How many builds ran the compiler (cache misses). */
    public long compilations() {
        return compilations.get();
    }

    @Override
    public void close() {
        if (jars instanceof S3CheckpointStore s3) {
            s3.close();
        }
    }

    /**
     * The URL workers fetch a jar from: the store's location with the jar's name, and never the
     * store's credentials (workers use their own, e.g. the AWS SDK's environment variables).
     */
    private String artifactUrl(String jar) {
        String location = jars.location();
        int query = location.indexOf('?');
        String root = query < 0 ? location : location.substring(0, query);
        return root + (root.endsWith("/") ? "" : "/") + jar + (query < 0 ? "" : location.substring(query));
    }

    private static UdfBuild built(UdfSource source, String artifactUrl, UdfSignature signature, boolean cached) {
        return new UdfBuild(new UdfValidationResult(Optional.of(signature.name()), List.of(), List.of(),
                source.dependencies()), Optional.of(artifactUrl), Optional.of(signature),
                Optional.of(source.hash()), cached);
    }

    private static UdfBuild invalid(UdfSource source, List<QueryError> errors) {
        return new UdfBuild(new UdfValidationResult(Optional.empty(), errors.stream().map(UdfArtifacts::describe).toList(),
                errors, source.dependencies()), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    private static String describe(QueryError error) {
        return error.span().map(span -> span.start().line() + ":" + span.start().column() + ": " + error.message())
                .orElse(error.message());
    }

    /**
     * Writes the UDF's classes and, so that the jar alone runs it, every class and resource of its
     * dependencies (the first of equal names wins; signatures and module descriptors are left out,
     * as they describe the dependency's own jar).
     */
    private void writeJar(Path classes, List<Path> dependencies, UdfSignature signature, String jar)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        // Published only when whole, so that a concurrent build never sees half a jar as a cache hit.
        try (StoreOutput out = jars.create(jar)) {
            writeEntries(classes, dependencies, signature, manifest, out);
            out.publish();
        }
    }

    private static void writeEntries(Path classes, List<Path> dependencies, UdfSignature signature,
            Manifest manifest, OutputStream out) throws IOException {
        // Finished, not closed: closing would close the store output before it is published.
        JarOutputStream entries = new JarOutputStream(out, manifest);
        try (Stream<Path> files = Files.walk(classes)) {
            entries.putNextEntry(new JarEntry(SIGNATURE));
            entries.write(ApiJson.mapper().writeValueAsBytes(signature));
            entries.closeEntry();
            java.util.Set<String> written = new java.util.HashSet<>(List.of(SIGNATURE));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                written.add(name);
                entries.putNextEntry(new JarEntry(name));
                Files.copy(file, entries);
                entries.closeEntry();
            }
            for (Path dependency : dependencies) {
                try (var library = new java.util.jar.JarFile(dependency.toFile())) {
                    for (JarEntry entry : java.util.Collections.list(library.entries())) {
                        if (!entry.isDirectory() && carried(entry.getName()) && written.add(entry.getName())) {
                            entries.putNextEntry(new JarEntry(entry.getName()));
                            try (var in = library.getInputStream(entry)) {
                                in.transferTo(entries);
                            }
                            entries.closeEntry();
                        }
                    }
                }
            }
        }
        entries.finish();
    }

    private static boolean carried(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return !upper.equals("META-INF/MANIFEST.MF") && !upper.endsWith("MODULE-INFO.CLASS")
                && !(upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".RSA")
                        || upper.endsWith(".DSA") || upper.endsWith(".EC")));
    }

    private Optional<UdfSignature> readSignature(String jar) {
        Optional<java.io.InputStream> stored = jars.readStream(jar);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try (JarInputStream entries = new JarInputStream(stored.get())) {
            for (JarEntry entry = entries.getNextJarEntry(); entry != null; entry = entries.getNextJarEntry()) {
                if (entry.getName().equals(SIGNATURE)) {
                    return Optional.of(ApiJson.mapper().readValue(entries.readAllBytes(), UdfSignature.class));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cached UDF jar " + artifactUrl(jar), e);
        }
    }

    private static void delete(Path tree) {
        try (Stream<Path> files = Files.walk(tree)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the build directory " + tree, e);
        }
    }
}
