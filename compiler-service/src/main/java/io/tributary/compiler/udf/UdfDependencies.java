package io.tributary.compiler.udf;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * The jars of a UDF's Maven dependencies and of what they depend on at run time, resolved with
 * Maven Resolver from one repository (Maven Central unless configured) into a local repository
 * that caches them across builds.
 */
public final class UdfDependencies {
    /** Maven Central. */
    public static final URI CENTRAL = URI.create("https://repo.maven.apache.org/maven2/");

    private final RepositorySystem system = new RepositorySystemSupplier().get();
    private final RemoteRepository repository;
    private final LocalRepository local;

    public UdfDependencies(URI repositoryUrl, Path localRepository) {
        this.repository = new RemoteRepository.Builder("udf-dependencies", "default",
                requireNonNull(repositoryUrl, "repositoryUrl is null").toString()).build();
        this.local = new LocalRepository(requireNonNull(localRepository, "localRepository is null").toFile());
    }

    /** Why a dependency could not be had: the coordinates, the repository and the resolver's reason. */
    public static final class UnresolvedException extends Exception {
        UnresolvedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The jars, the named artifacts' first. */
    public List<Path> resolve(List<String> coordinates) throws UnresolvedException {
        if (coordinates.isEmpty()) {
            return List.of();
        }
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        session.setLocalRepositoryManager(system.newLocalRepositoryManager(session, local));
        CollectRequest collect = new CollectRequest();
        for (String coordinate : coordinates) {
            try {
                collect.addDependency(new Dependency(new DefaultArtifact(coordinate), JavaScopes.RUNTIME));
            } catch (IllegalArgumentException e) {
                throw new UnresolvedException("'" + coordinate + "' is not group:artifact:version", e);
            }
        }
        collect.addRepository(repository);
        try {
            return system.resolveDependencies(session, new DependencyRequest(collect,
                            DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME)))
                    .getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .map(artifact -> artifact.getFile().toPath())
                    .toList();
        } catch (DependencyResolutionException e) {
            throw new UnresolvedException("cannot resolve " + String.join(", ", coordinates) + " from "
                    + repository.getUrl() + ": " + e.getMessage(), e);
        }
    }
}
