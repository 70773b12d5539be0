package io.tributary.worker.udf;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.engine.checkpoint.CheckpointStores;
import io.tributary.engine.udf.UdfLibrary;
import io.tributary.proto.program.UdfDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the jars of a program's UDFs, each in a class loader of its own that sees the JDK and the
 * UDF API package ({@code io.tributary.api.udf}) but nothing else of the worker: a UDF cannot
 * reach into the engine, and two UDFs' dependencies cannot clash. A jar is fetched from the
 * artifact store (any location {@link CheckpointStores} opens: a directory or S3) once per
 * process, by its hash, and shared by every job that calls it.
 */
public final class UdfLoader {
    private static final UdfLoader SHARED = new UdfLoader();
    static final String API_PACKAGE = "io.tributary.api.udf.";

    private final Map<String, ClassLoader> loaders = new ConcurrentHashMap<>();
    private final ClassLoader api = new ApiOnlyLoader(UdfLoader.class.getClassLoader());

    /** The process-wide loader: jars and their classes are kept for the life of the worker process. */
    public static UdfLoader shared() {
        return SHARED;
    }

    /**
     * The methods of {@code udfs}, and the classes of the aggregate ones.
     *
     * @throws UdfLoadException naming the UDF and what failed: fetching its jar, finding its class
     *     or its method
     */
    public UdfLibrary load(List<UdfDefinition> udfs) {
        return UdfLibrary.of(
                udfs.stream().filter(udf -> !udf.getAggregate())
                        .map(udf -> new UdfLibrary.Function(udf.getName(), udf.getHash(), method(udf))).toList(),
                udfs.stream().filter(UdfDefinition::getAggregate)
                        .map(udf -> new UdfLibrary.Aggregate(udf.getName(), udf.getHash(), owner(udf))).toList());
    }

    private Class<?> owner(UdfDefinition udf) {
        ClassLoader loader = loaders.computeIfAbsent(udf.getHash(), hash -> classLoader(udf));
        try {
            return Class.forName(udf.getClassName(), true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UdfLoadException("cannot load class " + udf.getClassName() + " of UDF '" + udf.getName()
                    + "' from " + udf.getArtifactUrl() + ": " + e, e);
        }
    }

    private Method method(UdfDefinition udf) {
        Class<?> owner = owner(udf);
        return Arrays.stream(owner.getMethods())
                .filter(method -> method.getName().equals(udf.getMethod()) && Modifier.isStatic(method.getModifiers())
                        && method.getParameterCount() == udf.getArgumentsCount())
                .findFirst()
                .orElseThrow(() -> new UdfLoadException("UDF '" + udf.getName() + "': " + udf.getClassName()
                        + " has no public static method " + udf.getMethod() + " taking " + udf.getArgumentsCount()
                        + " arguments; the jar at " + udf.getArtifactUrl() + " does not match the program"));
    }

    private ClassLoader classLoader(UdfDefinition udf) {
        try {
            Path jar = Files.createTempFile("tributary-udf-" + udf.getHash(), ".jar");
            jar.toFile().deleteOnExit();
            Files.write(jar, fetch(udf));
            return new URLClassLoader("udf-" + udf.getName(), new URL[] {jar.toUri().toURL()}, api);
        } catch (MalformedURLException e) {
            throw new UdfLoadException("cannot load the jar of UDF '" + udf.getName() + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the jar of UDF '" + udf.getName() + "' on this worker", e);
        }
    }

    /** The jar's bytes: the URL's last segment is the object, what comes before it the store. */
    private static byte[] fetch(UdfDefinition udf) {
        String url = udf.getArtifactUrl();
        int query = url.indexOf('?');
        String location = query < 0 ? url : url.substring(0, query);
        int slash = location.lastIndexOf('/');
        if (slash < 0 || slash == location.length() - 1) {
            throw new UdfLoadException("the jar location '" + url + "' of UDF '" + udf.getName()
                    + "' names no file: expected file:///dir/HASH.jar or s3://bucket/prefix/HASH.jar");
        }
        String store = location.substring(0, slash) + (query < 0 ? "" : url.substring(query));
        String object = location.substring(slash + 1);
        try {
            return CheckpointStores.open(store).read(object).orElseThrow(() -> new UdfLoadException(
                    "the jar of UDF '" + udf.getName() + "' is missing from the artifact store: " + url));
        } catch (CheckpointStoreException e) {
            throw new UdfLoadException("cannot fetch the jar of UDF '" + udf.getName() + "' from " + url + ": "
                    + e.getMessage(), e);
        }
    }

    /** Parent of every UDF loader: the platform's classes, and the UDF API from the worker's own loader. */
    private static final class ApiOnlyLoader extends ClassLoader {
        private final ClassLoader worker;

        ApiOnlyLoader(ClassLoader worker) {
            super("udf-api", ClassLoader.getPlatformClassLoader());
            this.worker = requireNonNull(worker, "worker is null");
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(API_PACKAGE)) {
                return worker.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
