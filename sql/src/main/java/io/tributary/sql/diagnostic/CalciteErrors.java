package io.tributary.sql.diagnostic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.StringReader;
import io.tributary.sql.parser.impl.TributarySqlParserImpl;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Turns Calcite's exceptions into diagnostics a user understands: the position moves into
 * the span, and position prefixes, Java class names and token-grammar jargon are removed.
 */
public final class CalciteErrors {
    private static final Pattern POSITION_PREFIX = Pattern.compile(
            "^(From line \\d+, column \\d+ to line \\d+, column \\d+|At line \\d+, column \\d+): ");
    private static final Pattern POSITION_SUFFIX =
            Pattern.compile("\\s*(at|near) line \\d+, column \\d+\\.?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLASS_NAME_PREFIX =
            Pattern.compile("^(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)(?::\\s*)?");
    private static final int MAX_EXPECTED_SHOWN = 6;
    private static final Pattern TOKEN = Pattern.compile("^\"\\s*(\"[^\"]*\"|<[^>]+>)\\s*\"(.*?)\\s*\"\"\\s*$");
    private static final SqlAbstractParserImpl.Metadata RESERVED =
            TributarySqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();

    private CalciteErrors() {}

    public static Diagnostic fromParseException(SqlParseException e) {
        SqlParserPos pos = e.getPos() == null ? SqlParserPos.ZERO : e.getPos();
        String firstLine = firstLine(e.getMessage());
        String message;
        if (firstLine.startsWith("Encountered ")) {
            message = "Syntax error: unexpected " + token(stripPosition(firstLine.substring("Encountered ".length())));
        } else if (firstLine.startsWith("Incorrect syntax near")) {
            message = "Syntax error near" + stripPosition(firstLine.substring("Incorrect syntax near".length()));
        } else if (firstLine.startsWith("Lexical error")) {
            message = "Syntax error: " + lexical(firstLine);
        } else {
            message = clean(firstLine);
        }
        List<String> expected = expected(e.getExpectedTokenNames());
        if (!expected.isEmpty() && expected.size() <= MAX_EXPECTED_SHOWN) {
            message = message + "; expected " + String.join(" or ", expected);
        }
        return Diagnostic.error(message, pos);
    }

    public static Diagnostic fromContextException(CalciteContextException e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage()
                : e.getMessage();
        SourceSpan span = e.getPosLine() > 0
                ? SourceSpan.of(e.getPosLine(), e.getPosColumn(), e.getEndPosLine(), e.getEndPosColumn())
                : SourceSpan.beginning();
        return Diagnostic.error(clean(message), span);
    }

    /** The text of any exception made fit for a user: no class names, no positions. */
    public static String clean(String raw) {
        if (raw == null || raw.isBlank()) {
            return "The planner could not process this statement";
        }
        String message = firstLine(raw).trim();
        String previous;
        do {
            previous = message;
            message = CLASS_NAME_PREFIX.matcher(message).replaceFirst("");
            message = POSITION_PREFIX.matcher(message).replaceFirst("");
        } while (!message.equals(previous));
        message = stripPosition(message);
        return message.isBlank() ? "The planner could not process this statement" : message;
    }

    /**
     * JavaCC describes the offending token as {@code " "KIND" "image ""} or
     * {@code " <KIND> "image ""}; users need only the text they wrote, plus a hint when it is a
     * reserved word they meant as a name.
     */
    private static String token(String encountered) {
        Matcher matcher = TOKEN.matcher(encountered);
        if (!matcher.matches()) {
            return encountered;
        }
        String image = matcher.group(2).trim();
        if (image.isEmpty() || matcher.group(1).equals("<EOF>")) {
            return "end of input";
        }
        String upper = image.toUpperCase(Locale.ROOT);
        String text = "'" + image + "'";
        if (matcher.group(1).startsWith("\"") && RESERVED.isReservedWord(upper)) {
            text += " ('" + upper + "' is a reserved word; write \"" + image + "\" to use it as a name)";
        }
        return text;
    }

    private static String lexical(String line) {
        // "Lexical error at line 1, column 10.  Encountered: <EOF> after : \"'abc\""
        String rest = stripPosition(line.substring("Lexical error".length())).trim();
        if (rest.contains("<EOF>")) {
            return "the text ends inside a string, quoted identifier or comment";
        }
        return rest.isEmpty() ? "invalid character" : rest.replaceFirst("^Encountered:\\s*", "unexpected ");
    }

    private static String stripPosition(String text) {
        return POSITION_SUFFIX.matcher(text).replaceAll("").trim();
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static List<String> expected(Collection<String> tokenNames) {
        if (tokenNames == null) {
            return List.of();
        }
        Set<String> readable = new LinkedHashSet<>();
        for (String name : tokenNames) {
            readable.add(switch (name) {
                case "<EOF>" -> "end of input";
                case "<IDENTIFIER>", "<QUOTED_IDENTIFIER>", "<BACK_QUOTED_IDENTIFIER>",
                        "<BRACKET_QUOTED_IDENTIFIER>", "<UNICODE_QUOTED_IDENTIFIER>",
                        "<BIG_QUERY_BACK_QUOTED_IDENTIFIER>", "<HYPHENATED_IDENTIFIER>" -> "a name";
                case "<QUOTED_STRING>", "<UNICODE_STRING_LITERAL>", "<C_STYLE_ESCAPED_STRING_LITERAL>",
                        "<PREFIXED_STRING_LITERAL>", "<BIG_QUERY_DOUBLE_QUOTED_STRING>",
                        "<BIG_QUERY_QUOTED_STRING>" -> "a string";
                case "<UNSIGNED_INTEGER_LITERAL>", "<APPROX_NUMERIC_LITERAL>", "<DECIMAL_NUMERIC_LITERAL>" ->
                        "a number";
                default -> name.startsWith("<") ? name.substring(1, name.length() - 1).toLowerCase(Locale.ROOT)
                        : name;
            });
        }
        return new ArrayList<>(readable);
    }
}
