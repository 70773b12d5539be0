package io.tributary.compiler.udf;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java source of a UDF with what its header declares: Maven dependencies, one a line in the
 * comments before the code ({@code // dependency: group:artifact:version}), and the content hash
 * its compiled jar is cached under.
 */
public record UdfSource(String text, List<String> dependencies, String hash) {
    private static final Pattern DEPENDENCY = Pattern.compile(
            "^\\s*(?://|/?\\*+)?\\s*dependency:\\s*([\\w.\\-]+:[\\w.\\-]+:[\\w.\\-]+)\\s*(?:\\*/)?\\s*$");
    private static final Pattern CODE_STARTS = Pattern.compile("^\\s*(package|import|public|final|class|@)\\b?.*");

    public UdfSource {
        requireNonNull(text, "text is null");
        dependencies = List.copyOf(requireNonNull(dependencies, "dependencies is null"));
        requireNonNull(hash, "hash is null");
    }

    public static UdfSource of(String text) {
        requireNonNull(text, "text is null");
        List<String> dependencies = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (CODE_STARTS.matcher(line).matches()) {
                break;
            }
            Matcher dependency = DEPENDENCY.matcher(line);
            if (dependency.matches()) {
                dependencies.add(dependency.group(1));
            }
        }
        return new UdfSource(text, dependencies, sha256(text));
    }

    /** The line (from 1) of the first dependency declaration, if any. */
    public Optional<Integer> dependencyLine() {
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (DEPENDENCY.matcher(lines[i]).matches()) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
