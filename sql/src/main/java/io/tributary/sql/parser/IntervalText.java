package io.tributary.sql.parser;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;

/**
 * Interval literals written the PostgreSQL / Arroyo way, with the unit inside the string:
 * {@code interval '1 minute'}, {@code interval '1 hour 30 minutes'}, {@code interval '500 ms'}.
 *
 * <p>They become ordinary Calcite interval literals with a qualifier of the largest unit that
 * holds the value exactly, so the validator and the rest of the planner never see the
 * difference. Calcite keeps year-month and day-time intervals apart, and day-time intervals
 * in milliseconds, so mixing months with days or going below a millisecond is an error.
 */
public final class IntervalText {
    private static final Pattern PART =
            Pattern.compile("\\s*([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([a-zA-Z]+)\\s*,?");
    private static final int MAX_START_PRECISION = 10;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private record Unit(long nanos, int months) {}

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("nanosecond", new Unit(1L, 0)),
            Map.entry("ns", new Unit(1L, 0)),
            Map.entry("microsecond", new Unit(1_000L, 0)),
            Map.entry("us", new Unit(1_000L, 0)),
            Map.entry("millisecond", new Unit(NANOS_PER_MILLI, 0)),
            Map.entry("ms", new Unit(NANOS_PER_MILLI, 0)),
            Map.entry("second", new Unit(1_000_000_000L, 0)),
            Map.entry("sec", new Unit(1_000_000_000L, 0)),
            Map.entry("s", new Unit(1_000_000_000L, 0)),
            Map.entry("minute", new Unit(60_000_000_000L, 0)),
            Map.entry("min", new Unit(60_000_000_000L, 0)),
            Map.entry("hour", new Unit(3_600_000_000_000L, 0)),
            Map.entry("hr", new Unit(3_600_000_000_000L, 0)),
            Map.entry("h", new Unit(3_600_000_000_000L, 0)),
            Map.entry("day", new Unit(86_400_000_000_000L, 0)),
            Map.entry("d", new Unit(86_400_000_000_000L, 0)),
            Map.entry("week", new Unit(7 * 86_400_000_000_000L, 0)),
            Map.entry("w", new Unit(7 * 86_400_000_000_000L, 0)),
            Map.entry("month", new Unit(0L, 1)),
            Map.entry("mon", new Unit(0L, 1)),
            Map.entry("year", new Unit(0L, 12)),
            Map.entry("yr", new Unit(0L, 12)),
            Map.entry("y", new Unit(0L, 12)));

    private IntervalText() {}

    /** Called by the generated parser for {@code INTERVAL 'text'} without a qualifier. */
    public static SqlLiteral toLiteral(SqlParserPos pos, int sign, String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw error(pos, text, "it is empty; write e.g. interval '1 minute'");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        long months = 0;
        Matcher matcher = PART.matcher(trimmed);
        int end = 0;
        while (matcher.lookingAt()) {
            BigDecimal amount = new BigDecimal(matcher.group(1));
            Unit unit = unit(matcher.group(2))
                    .orElseThrow(() -> error(pos, text, "unknown unit '" + matcher.group(2) + "'"));
            if (unit.months() > 0) {
                BigDecimal m = amount.multiply(BigDecimal.valueOf(unit.months()));
                if (m.stripTrailingZeros().scale() > 0) {
                    throw error(pos, text, "months and years must be whole");
                }
                months += m.longValueExact();
            } else {
                nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unit.nanos())));
            }
            end = matcher.end();
            matcher.region(end, trimmed.length());
        }
        if (end != trimmed.length()) {
            throw error(pos, text, "expected amounts with units, e.g. '1 hour 30 minutes'");
        }
        if (months != 0 && nanos.signum() != 0) {
            throw error(pos, text, "an interval cannot combine months or years with smaller units");
        }
        if (months != 0) {
            return literal(pos, sign, months, TimeUnit.MONTH, text);
        }
        if (nanos.remainder(BigDecimal.valueOf(NANOS_PER_MILLI)).signum() != 0) {
            throw error(pos, text, "the smallest supported interval unit is a millisecond");
        }
        long millis = nanos.divide(BigDecimal.valueOf(NANOS_PER_MILLI)).longValueExact();
        if (millis % 86_400_000L == 0) {
            return literal(pos, sign, millis / 86_400_000L, TimeUnit.DAY, text);
        }
        if (millis % 3_600_000L == 0) {
            return literal(pos, sign, millis / 3_600_000L, TimeUnit.HOUR, text);
        }
        if (millis % 60_000L == 0) {
            return literal(pos, sign, millis / 60_000L, TimeUnit.MINUTE, text);
        }
        long seconds = millis / 1000;
        String value = millis % 1000 == 0
                ? Long.toString(seconds)
                : BigDecimal.valueOf(millis, 3).toPlainString();
        return literal(pos, sign, value, digits(Math.abs(seconds)), TimeUnit.SECOND, text);
    }

    private static SqlLiteral literal(SqlParserPos pos, int sign, long value, TimeUnit unit, String text) {
        return literal(pos, sign, Long.toString(value), digits(Math.abs(value)), unit, text);
    }

    private static SqlLiteral literal(
            SqlParserPos pos, int sign, String value, int digits, TimeUnit unit, String text) {
        if (digits > MAX_START_PRECISION) {
            throw error(pos, text, "it is too large");
        }
        int effectiveSign = sign;
        String magnitude = value;
        if (value.startsWith("-")) {
            effectiveSign = -sign;
            magnitude = value.substring(1);
        }
        int fractional = unit == TimeUnit.SECOND ? 3 : -1;
        SqlIntervalQualifier qualifier = new SqlIntervalQualifier(
                unit, Math.max(2, digits), null, fractional, pos);
        return SqlParserUtil.parseIntervalLiteral(pos, effectiveSign, magnitude, qualifier);
    }

    private static int digits(long value) {
        return Long.toString(value).length();
    }

    private static java.util.Optional<Unit> unit(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        Unit unit = UNITS.get(lower);
        if (unit == null && lower.endsWith("s") && lower.length() > 2) {
            unit = UNITS.get(lower.substring(0, lower.length() - 1));
        }
        return java.util.Optional.ofNullable(unit);
    }

    private static CalciteContextException error(SqlParserPos pos, String text, String reason) {
        String message = "Invalid interval '" + text + "': " + reason;
        return new CalciteContextException(message, new CalciteException(message, null),
                pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }
}
