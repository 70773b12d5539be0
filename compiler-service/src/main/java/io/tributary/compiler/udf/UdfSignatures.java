package io.tributary.compiler.udf;

import io.tributary.api.model.UdfSignature;
import io.tributary.api.model.UdfSignature.UdfAggregate;
import io.tributary.api.model.UdfSignature.UdfAsync;
import io.tributary.api.model.UdfSignature.UdfType;
import io.tributary.api.udf.AggregateUdf;
import io.tributary.api.udf.Udf;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The SQL signature of a {@code @Udf} method, read from its Java types: primitives are NOT NULL
 * SQL types, their boxes and reference types are nullable ones.
 */
final class UdfSignatures {
    private static final Map<TypeKind, String> PRIMITIVES = Map.of(
            TypeKind.LONG, "BIGINT",
            TypeKind.INT, "INT",
            TypeKind.SHORT, "SMALLINT",
            TypeKind.BYTE, "TINYINT",
            TypeKind.DOUBLE, "DOUBLE",
            TypeKind.FLOAT, "REAL",
            TypeKind.BOOLEAN, "BOOLEAN");
    private static final Map<String, String> REFERENCES = Map.of(
            "java.lang.Long", "BIGINT",
            "java.lang.Integer", "INT",
            "java.lang.Short", "SMALLINT",
            "java.lang.Byte", "TINYINT",
            "java.lang.Double", "DOUBLE",
            "java.lang.Float", "REAL",
            "java.lang.Boolean", "BOOLEAN",
            "java.lang.String", "TEXT");
    private static final String FUTURE = "java.util.concurrent.CompletableFuture";
    static final String SUPPORTED = "long, int, short, byte, double, float, boolean (or their boxes), String or byte[]";

    private UdfSignatures() {}

    /** Why the method's types have no SQL counterpart, if they have none. */
    static Optional<String> unsupported(ExecutableElement method) {
        if (method.getReturnType().getKind() == TypeKind.VOID) {
            return Optional.of("a @Udf method must return a value; '" + method.getSimpleName() + "' is void");
        }
        if (type(result(method)).isEmpty()) {
            return Optional.of("the result type " + result(method) + " of '" + method.getSimpleName()
                    + "' has no SQL type; use " + SUPPORTED + (future(method).isPresent() ? " in the CompletableFuture" : ""));
        }
        Udf annotation = method.getAnnotation(Udf.class);
        if (future(method).isPresent() && (annotation.allowedInFlight() < 1 || annotation.timeoutMillis() < 1)) {
            return Optional.of("an async UDF needs allowedInFlight of at least 1 and a positive timeoutMillis");
        }
        for (VariableElement parameter : method.getParameters()) {
            if (type(parameter.asType()).isEmpty()) {
                return Optional.of("the type " + parameter.asType() + " of argument '" + parameter.getSimpleName()
                        + "' has no SQL type; use " + SUPPORTED);
            }
        }
        if (method.isVarArgs()) {
            return Optional.of("a @Udf method cannot take variable arguments");
        }
        return Optional.empty();
    }

    /** The signature of a method {@link #unsupported} accepts. */
    static UdfSignature of(ExecutableElement method, Elements elements) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        return new UdfSignature(method.getSimpleName().toString(), elements.getBinaryName(owner).toString(),
                method.getSimpleName().toString(),
                method.getParameters().stream().map(parameter -> type(parameter.asType()).orElseThrow()).toList(),
                type(result(method)).orElseThrow(),
                future(method).map(value -> {
                    Udf annotation = method.getAnnotation(Udf.class);
                    return new UdfAsync(annotation.ordered(), annotation.allowedInFlight(), annotation.timeoutMillis());
                }));
    }

    /** The {@code AggregateUdf<A, T, R>} that {@code type} implements directly, if it does. */
    static Optional<DeclaredType> aggregateInterface(TypeElement type) {
        return type.getInterfaces().stream()
                .filter(DeclaredType.class::isInstance).map(DeclaredType.class::cast)
                .filter(declared -> ((TypeElement) declared.asElement()).getQualifiedName()
                        .contentEquals(AggregateUdf.class.getName()))
                .findFirst();
    }

    /** Why an {@code AggregateUdf} class cannot be called from SQL, if it cannot. */
    static Optional<String> unsupportedAggregate(TypeElement type) {
        String name = type.getSimpleName().toString();
        if (!type.getModifiers().contains(Modifier.PUBLIC) || type.getModifiers().contains(Modifier.ABSTRACT)
                || type.getNestingKind() != NestingKind.TOP_LEVEL) {
            return Optional.of("an AggregateUdf class must be public, top-level and not abstract; '" + name + "' is not");
        }
        var constructors = ElementFilter.constructorsIn(type.getEnclosedElements());
        if (constructors.stream().noneMatch(constructor -> constructor.getParameters().isEmpty()
                && constructor.getModifiers().contains(Modifier.PUBLIC))) {
            return Optional.of("the AggregateUdf class '" + name + "' needs a public constructor without arguments");
        }
        List<? extends TypeMirror> types = aggregateInterface(type).orElseThrow().getTypeArguments();
        if (types.size() != 3) {
            return Optional.of("'" + name + "' must implement AggregateUdf<Accumulator, Argument, Result>, not the raw type");
        }
        if (type(types.get(1)).isEmpty()) {
            return Optional.of("the argument type " + types.get(1) + " of '" + name + "' has no SQL type; use " + SUPPORTED);
        }
        if (type(types.get(2)).isEmpty()) {
            return Optional.of("the result type " + types.get(2) + " of '" + name + "' has no SQL type; use " + SUPPORTED);
        }
        return Optional.empty();
    }

    /**
     * The signature of a class {@link #unsupportedAggregate} accepts: SQL calls it by its simple
     * name in snake case, and it retracts if the class declares {@code retract}.
     */
    static UdfSignature ofAggregate(TypeElement type, Elements elements) {
        List<? extends TypeMirror> types = aggregateInterface(type).orElseThrow().getTypeArguments();
        boolean retracts = ElementFilter.methodsIn(type.getEnclosedElements()).stream()
                .anyMatch(method -> method.getSimpleName().contentEquals("retract") && method.getParameters().size() == 2);
        return new UdfSignature(snakeCase(type.getSimpleName().toString()), elements.getBinaryName(type).toString(),
                "add", List.of(type(types.get(1)).orElseThrow()), type(types.get(2)).orElseThrow(), Optional.empty(),
                Optional.of(new UdfAggregate(retracts)));
    }

    /** {@code WeightedMedian} → {@code weighted_median}, {@code HLLSketch} → {@code hll_sketch}. */
    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z])([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    /** The value type of a {@code CompletableFuture} the method returns. */
    private static Optional<TypeMirror> future(ExecutableElement method) {
        if (method.getReturnType() instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(FUTURE)
                && declared.getTypeArguments().size() == 1) {
            return Optional.of(declared.getTypeArguments().getFirst());
        }
        return Optional.empty();
    }

    /** The SQL-visible result: the future's value type for an async UDF. */
    private static TypeMirror result(ExecutableElement method) {
        return future(method).orElse(method.getReturnType());
    }

    private static Optional<UdfType> type(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return Optional.ofNullable(PRIMITIVES.get(type.getKind())).map(sql -> new UdfType(sql, false));
        }
        if (type instanceof ArrayType array && array.getComponentType().getKind() == TypeKind.BYTE) {
            return Optional.of(new UdfType("BYTEA", true));
        }
        if (type instanceof DeclaredType declared) {
            String name = ((TypeElement) declared.asElement()).getQualifiedName().toString();
            return Optional.ofNullable(REFERENCES.get(name)).map(sql -> new UdfType(sql, true));
        }
        return Optional.empty();
    }
}
