package io.tributary.compiler.udf;

import io.tributary.api.model.UdfSignature;
import io.tributary.api.model.UdfSignature.UdfAsync;
import io.tributary.api.model.UdfSignature.UdfType;
import io.tributary.api.udf.Udf;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
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
