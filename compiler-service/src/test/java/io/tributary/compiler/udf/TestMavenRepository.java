package io.tributary.compiler.udf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/** A Maven repository in a directory, laid out as Maven Central is, with artifacts the test compiles. */
final class TestMavenRepository {
    private final Path root;

    TestMavenRepository(Path root) {
        this.root = root;
    }

    java.net.URI url() {
        return root.toUri();
    }

    /**
     * Publishes {@code group:artifact:version} holding {@code className} compiled from {@code source}
     * (against the jars of {@code classPath}), depending on the {@code dependencies} coordinates.
     */
    Path publish(String group, String artifact, String version, String className, String source,
            List<String> dependencies, List<Path> classPath) throws Exception {
        Path directory = Files.createDirectories(root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version));
        Path sources = Files.createTempDirectory("src");
        Path classes = Files.createTempDirectory("classes");
        Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        List<String> arguments = new java.util.ArrayList<>(List.of("-d", classes.toString()));
        if (!classPath.isEmpty()) {
            arguments.addAll(List.of("-cp", String.join(java.io.File.pathSeparator,
                    classPath.stream().map(Path::toString).toList())));
        }
        arguments.add(file.toString());
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new))).isZero();
        Path jar = directory.resolve(artifact + "-" + version + ".jar");
        String entry = className.replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream entries = new JarOutputStream(out)) {
            entries.putNextEntry(new JarEntry(entry));
            Files.copy(classes.resolve(entry), entries);
            entries.closeEntry();
        }
        StringBuilder pom = new StringBuilder("<project><modelVersion>4.0.0</modelVersion><groupId>").append(group)
                .append("</groupId><artifactId>").append(artifact).append("</artifactId><version>").append(version)
                .append("</version><dependencies>");
        for (String dependency : dependencies) {
            String[] parts = dependency.split(":");
            pom.append("<dependency><groupId>").append(parts[0]).append("</groupId><artifactId>").append(parts[1])
                    .append("</artifactId><version>").append(parts[2]).append("</version></dependency>");
        }
        Files.writeString(directory.resolve(artifact + "-" + version + ".pom"), pom.append("</dependencies></project>"));
        return jar;
    }
}
