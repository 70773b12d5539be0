package io.tributary.compiler.udf;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.QueryError;
import io.tributary.api.model.UdfBuild;
import io.tributary.api.model.UdfSignature;
import io.tributary.api.model.UdfValidationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * UDF jars in a local artifact directory, one per source content hash: the same source is never
 * compiled twice. A jar carries the function's signature ({@link #SIGNATURE}), so a cache hit
 * needs no compiler.
 */
public final class UdfArtifacts {
    /** The jar entry holding the {@link UdfSignature} as JSON. */
    static final String SIGNATURE = "META-INF/tributary-udf.json";

    private final Path directory;
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
        this.dependencies = new UdfDependencies(repositoryUrl, directory.resolve("maven-repository"));
        this.directory = directory.resolve("udfs");
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the UDF artifact directory " + this.directory, e);
        }
        this.compiler = new UdfCompiler(directory);
    }

    /** Compiles the source into its jar, or finds the jar an earlier build left. */
    public UdfBuild build(String text) {
        UdfSource source = UdfSource.of(text);
        Path jar = directory.resolve(source.hash() + ".jar");
        // A jar from a build that recorded no signature is built again.
        Optional<UdfSignature> cached = Files.exists(jar) ? readSignature(jar) : Optional.empty();
        if (cached.isPresent()) {
            return built(source, jar, cached.get(), true);
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
                    yield built(source, jar, compiled.signature(), false);
                }
                case UdfCompiler.Result.Invalid invalid -> invalid(source, invalid.errors());
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the UDF jar " + jar, e);
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

    private static UdfBuild built(UdfSource source, Path jar, UdfSignature signature, boolean cached) {
        return new UdfBuild(new UdfValidationResult(Optional.of(signature.name()), List.of(), List.of(),
                source.dependencies()), Optional.of(jar.toUri().toString()), Optional.of(signature),
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
    private static void writeJar(Path classes, List<Path> dependencies, UdfSignature signature, Path jar)
            throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        // Written aside and moved, so that a concurrent build never sees half a jar as a cache hit.
        Path partial = Files.createTempFile(jar.getParent(), "partial-", ".jar");
        try (OutputStream out = Files.newOutputStream(partial);
                JarOutputStream entries = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
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
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean carried(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return !upper.equals("META-INF/MANIFEST.MF") && !upper.endsWith("MODULE-INFO.CLASS")
                && !(upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".RSA")
                        || upper.endsWith(".DSA") || upper.endsWith(".EC")));
    }

    private static Optional<UdfSignature> readSignature(Path jar) {
        try (var file = new java.util.jar.JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(SIGNATURE);
            if (entry == null) {
                return Optional.empty();
            }
            try (var in = file.getInputStream(entry)) {
                return Optional.of(ApiJson.mapper().readValue(in.readAllBytes(), UdfSignature.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cached UDF jar " + jar, e);
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
