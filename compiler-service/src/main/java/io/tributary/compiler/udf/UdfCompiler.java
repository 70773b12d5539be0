package io.tributary.compiler.udf;

import static java.util.Objects.requireNonNull;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.tributary.api.model.QueryError;
import io.tributary.api.model.SourcePosition;
import io.tributary.api.model.SourceSpan;
import io.tributary.api.model.UdfSignature;
import io.tributary.api.udf.AggregateUdf;
import io.tributary.api.udf.Udf;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a UDF's source with the JDK's compiler ({@code javax.tools}) into a directory of class
 * files, and finds its function: the one {@code public static} method annotated {@link Udf}.
 * The class path holds only the annotation and the source's declared dependencies: UDFs see the JDK
 * and nothing of Tributary's internals.
 */
public final class UdfCompiler {
    /** What compiling came to: the function's signature, or errors located in the user's source. */
    public sealed interface Result {
        record Compiled(UdfSignature signature) implements Result {
            public Compiled {
                requireNonNull(signature, "signature is null");
            }
        }

        record Invalid(List<QueryError> errors) implements Result {
            public Invalid {
                errors = List.copyOf(errors);
            }
        }
    }

    private final JavaCompiler javac;
    private final Path annotationClassPath;

    /** @param workDir where the UDF API's class files are put for javac to find */
    public UdfCompiler(Path workDir) {
        this.javac = Optional.ofNullable(ToolProvider.getSystemJavaCompiler()).orElseThrow(() ->
                new IllegalStateException("no Java compiler in this runtime: the compiler service needs a JDK, not a JRE"));
        this.annotationClassPath = workDir.resolve("udf-classpath");
        for (Class<?> api : List.of(Udf.class, AggregateUdf.class)) {
            String resource = api.getName().replace('.', '/') + ".class";
            Path target = annotationClassPath.resolve(resource);
            // Copied from our own class loader because inside a Spring Boot jar there is no plain
            // file javac could be pointed at.
            try (InputStream in = requireNonNull(api.getClassLoader().getResourceAsStream(resource), resource)) {
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the UDF class path under " + workDir, e);
            }
        }
    }

    /** Compiles {@code source}, writing class files under {@code output} when it is valid. */
    public Result compile(UdfSource source, Path output) {
        return compile(source, output, List.of());
    }

    /** As above, with the jars of the source's dependencies on the class path. */
    public Result compile(UdfSource source, Path output, List<Path> dependencies) {
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<Path> classPath = new ArrayList<>(List.of(annotationClassPath));
            classPath.addAll(dependencies);
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classPath);
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(output));
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics,
                    List.of("--release", "21", "-proc:none", "-Xlint:none", "-g"), null, List.of(new Source(source.text())));
            List<CompilationUnitTree> units = new ArrayList<>();
            task.parse().forEach(units::add);
            Iterable<? extends Element> types = task.analyze();
            List<QueryError> errors = errors(diagnostics);
            if (!errors.isEmpty()) {
                return new Result.Invalid(errors);
            }
            Trees trees = Trees.instance(task);
            List<ExecutableElement> functions = new ArrayList<>();
            List<TypeElement> aggregates = new ArrayList<>();
            for (Element type : types) {
                functions.addAll(ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                        .filter(UdfCompiler::annotated).toList());
                if (type instanceof TypeElement element && UdfSignatures.aggregateInterface(element).isPresent()) {
                    aggregates.add(element);
                }
            }
            if (!aggregates.isEmpty()) {
                return compileAggregate(task, trees, diagnostics, functions, aggregates);
            }
            if (functions.isEmpty()) {
                return new Result.Invalid(List.of(new QueryError("no method is annotated @" + Udf.class.getName()
                        + " and no class implements " + AggregateUdf.class.getName()
                        + ": mark the public static method SQL should call, or implement the aggregate interface",
                        Optional.empty())));
            }
            if (functions.size() > 1) {
                return new Result.Invalid(functions.stream().skip(1).map(extra -> located(trees, extra,
                        "a UDF source declares one @Udf method; '" + functions.getFirst().getSimpleName()
                                + "' is already one")).toList());
            }
            ExecutableElement function = functions.getFirst();
            if (!function.getModifiers().containsAll(List.of(Modifier.PUBLIC, Modifier.STATIC))
                    || !((TypeElement) function.getEnclosingElement()).getModifiers().contains(Modifier.PUBLIC)) {
                return new Result.Invalid(List.of(located(trees, function,
                        "a @Udf method must be public and static, in a public class")));
            }
            Optional<QueryError> unsupported = UdfSignatures.unsupported(function).map(message -> located(trees, function, message));
            if (unsupported.isPresent()) {
                return new Result.Invalid(List.of(unsupported.get()));
            }
            // Read before generating, which ends the compiler's use of its elements.
            return generate(task, diagnostics, UdfSignatures.of(function, task.getElements()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile a UDF into " + output, e);
        }
    }

    private static Result compileAggregate(JavacTask task, Trees trees, DiagnosticCollector<JavaFileObject> diagnostics,
            List<ExecutableElement> functions, List<TypeElement> aggregates) throws IOException {
        if (!functions.isEmpty() || aggregates.size() > 1) {
            List<Element> extra = new ArrayList<>(functions);
            extra.addAll(aggregates.subList(1, aggregates.size()));
            return new Result.Invalid(extra.stream().map(element -> located(trees, element,
                    "a UDF source declares one @Udf method or one AggregateUdf class; '"
                            + aggregates.getFirst().getSimpleName() + "' is already an AggregateUdf")).toList());
        }
        TypeElement aggregate = aggregates.getFirst();
        Optional<String> unsupported = UdfSignatures.unsupportedAggregate(aggregate);
        if (unsupported.isPresent()) {
            return new Result.Invalid(List.of(located(trees, aggregate, unsupported.get())));
        }
        return generate(task, diagnostics, UdfSignatures.ofAggregate(aggregate, task.getElements()));
    }

    private static Result generate(JavacTask task, DiagnosticCollector<JavaFileObject> diagnostics,
            UdfSignature signature) throws IOException {
        task.generate();
        List<QueryError> errors = errors(diagnostics);
        return errors.isEmpty() ? new Result.Compiled(signature) : new Result.Invalid(errors);
    }

    private static boolean annotated(ExecutableElement method) {
        return method.getAnnotationMirrors().stream().anyMatch(mirror ->
                ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(Udf.class.getName()));
    }

    private static List<QueryError> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        return diagnostics.getDiagnostics().stream()
                .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
                .map(diagnostic -> new QueryError(diagnostic.getMessage(Locale.ROOT),
                        diagnostic.getLineNumber() < 1 ? Optional.empty() : Optional.of(span(
                                (int) diagnostic.getLineNumber(), (int) diagnostic.getColumnNumber()))))
                .toList();
    }

    private static QueryError located(Trees trees, Element element, String message) {
        TreePath path = trees.getPath(element);
        long position = trees.getSourcePositions().getStartPosition(path.getCompilationUnit(), path.getLeaf());
        var lines = path.getCompilationUnit().getLineMap();
        return new QueryError(message, Optional.of(span((int) lines.getLineNumber(position),
                (int) lines.getColumnNumber(position))));
    }

    private static SourceSpan span(int line, int column) {
        SourcePosition at = new SourcePosition(line, Math.max(column, 1));
        return new SourceSpan(at, at);
    }

    /** The user's source in memory; any public class name is accepted, whatever "file" it is in. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String text) {
            super(URI.create("string:///Udf.java"), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return true;
        }
    }
}
