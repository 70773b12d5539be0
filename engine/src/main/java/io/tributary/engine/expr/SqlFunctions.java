package io.tributary.engine.expr;

import io.tributary.engine.batch.Interval;
import io.tributary.engine.time.Timestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;

/**
 * Runtime support called by generated expression code. Public only because generated classes
 * live in their own class loader; not an API for anything else. Every {@code message} argument
 * is the text of the expression being evaluated, so that errors can name it.
 */
public final class SqlFunctions {
  private SqlFunctions() {}

  // ---- integer arithmetic: SQL raises on overflow rather than wrapping

  public static long add(long a, long b, String expr) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw overflow(expr);
    }
  }

  public static long subtract(long a, long b, String expr) {
    try {
      return Math.subtractExact(a, b);
    } catch (ArithmeticException e) {
      throw overflow(expr);
    }
  }

  public static long multiply(long a, long b, String expr) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw overflow(expr);
    }
  }

  public static long divide(long a, long b, String expr) {
    if (b == 0) {
      throw divisionByZero(expr);
    }
    if (a == Long.MIN_VALUE && b == -1) {
      throw overflow(expr);
    }
    return a / b;
  }

  public static long mod(long a, long b, String expr) {
    if (b == 0) {
      throw divisionByZero(expr);
    }
    return b == -1 ? 0 : a % b;
  }

  public static long negate(long a, String expr) {
    try {
      return Math.negateExact(a);
    } catch (ArithmeticException e) {
      throw overflow(expr);
    }
  }

  public static long abs(long a, String expr) {
    if (a == Long.MIN_VALUE) {
      throw overflow(expr);
    }
    return Math.abs(a);
  }

  /** Checks that an integer result fits its SQL type's range. */
  public static long checkRange(long value, long min, long max, String expr) {
    if (value < min || value > max) {
      throw new ExpressionEvaluationException(
          "value " + value + " is out of range [" + min + ", " + max + "] in " + expr);
    }
    return value;
  }

  // ---- decimal arithmetic

  public static BigDecimal divide(BigDecimal a, BigDecimal b, int scale, String expr) {
    if (b.signum() == 0) {
      throw divisionByZero(expr);
    }
    return a.divide(b, Math.max(scale, 0), RoundingMode.HALF_UP);
  }

  public static BigDecimal mod(BigDecimal a, BigDecimal b, String expr) {
    if (b.signum() == 0) {
      throw divisionByZero(expr);
    }
    return a.remainder(b);
  }

  public static BigDecimal rescale(BigDecimal value, int precision, int scale, String expr) {
    BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_UP);
    if (precision > 0 && scaled.precision() - scaled.scale() > precision - scale) {
      throw new ExpressionEvaluationException(
          "value " + value.toPlainString() + " does not fit DECIMAL(" + precision + ", " + scale
              + ") in " + expr);
    }
    return scaled;
  }

  // ---- rounding

  public static double round(double value, long digits) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    return new BigDecimal(Double.toString(value))
        .setScale((int) digits, RoundingMode.HALF_UP)
        .doubleValue();
  }

  public static long round(long value, long digits, String expr) {
    if (digits >= 0) {
      return value;
    }
    return new BigDecimal(value).setScale((int) digits, RoundingMode.HALF_UP).longValueExact();
  }

  public static BigDecimal round(BigDecimal value, long digits) {
    return value.setScale((int) digits, RoundingMode.HALF_UP);
  }

  // ---- casts

  public static long doubleToLong(double value, String expr) {
    if (Double.isNaN(value) || value >= 0x1p63 || value < -0x1p63) {
      throw new ExpressionEvaluationException(
          "cannot convert " + value + " to an integer in " + expr);
    }
    return (long) value;
  }

  public static long decimalToLong(BigDecimal value, String expr) {
    try {
      return value.setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (ArithmeticException e) {
      throw new ExpressionEvaluationException(
          "cannot convert " + value.toPlainString() + " to an integer in " + expr);
    }
  }

  public static long parseLong(String text, String expr) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw invalidCast(text, "an integer", expr);
    }
  }

  public static double parseDouble(String text, String expr) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw invalidCast(text, "a floating-point number", expr);
    }
  }

  public static BigDecimal parseDecimal(String text, String expr) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw invalidCast(text, "a decimal", expr);
    }
  }

  public static BigDecimal toDecimal(double value, String expr) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new ExpressionEvaluationException(
          "cannot convert " + value + " to a decimal in " + expr);
    }
    return BigDecimal.valueOf(value);
  }

  public static boolean parseBoolean(String text, String expr) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "on", "1" -> true;
      case "false", "f", "no", "n", "off", "0" -> false;
      default -> throw invalidCast(text, "a boolean", expr);
    };
  }

  public static long parseTimestamp(String text, String expr) {
    return Timestamps.parse(text).orElseThrow(() -> invalidCast(text, "a timestamp", expr));
  }

  public static int parseDate(String text, String expr) {
    return Timestamps.parseDate(text).orElseThrow(() -> invalidCast(text, "a date", expr));
  }

  public static long parseTime(String text, String expr) {
    return Timestamps.parseTime(text).orElseThrow(() -> invalidCast(text, "a time", expr));
  }

  public static int timestampToDate(long nanos) {
    return (int) Math.floorDiv(nanos, Timestamps.nanosPerDay());
  }

  public static long timestampToTime(long nanos) {
    return Math.floorMod(nanos, Timestamps.nanosPerDay());
  }

  public static long dateToTimestamp(long days, String expr) {
    return multiply(days, Timestamps.nanosPerDay(), expr);
  }

  public static String doubleToString(double value) {
    return Double.toString(value);
  }

  public static String floatToString(float value) {
    return Float.toString(value);
  }

  public static String intervalToString(Interval value) {
    return value.months() + " months " + value.days() + " days " + value.nanos() + " nanoseconds";
  }

  public static Interval readInterval(IntervalMonthDayNanoVector vector, int index) {
    NullableIntervalMonthDayNanoHolder holder = new NullableIntervalMonthDayNanoHolder();
    vector.get(index, holder);
    return new Interval(holder.months, holder.days, holder.nanoseconds);
  }

  // ---- time arithmetic

  public static long addInterval(long timestampNanos, Interval interval, int sign, String expr) {
    long result = timestampNanos;
    if (interval.months() != 0) {
      LocalDateTime time =
          LocalDateTime.ofEpochSecond(
              Math.floorDiv(result, 1_000_000_000L),
              (int) Math.floorMod(result, 1_000_000_000L),
              ZoneOffset.UTC);
      result = Timestamps.toNanos(time.plusMonths((long) sign * interval.months()).toInstant(ZoneOffset.UTC));
    }
    long delta =
        add(multiply(interval.days(), Timestamps.nanosPerDay(), expr), interval.nanos(), expr);
    return sign > 0 ? add(result, delta, expr) : subtract(result, delta, expr);
  }

  public static Interval timestampDifference(long a, long b, String expr) {
    return new Interval(0, 0, subtract(a, b, expr));
  }

  public static long floorTimestamp(long nanos, long unitNanos) {
    return Math.floorDiv(nanos, unitNanos) * unitNanos;
  }

  public static long ceilTimestamp(long nanos, long unitNanos) {
    long floor = floorTimestamp(nanos, unitNanos);
    return floor == nanos ? nanos : floor + unitNanos;
  }

  // ---- strings

  public static String substring(String text, long start, long length, String expr) {
    if (length < 0) {
      throw new ExpressionEvaluationException(
          "negative substring length " + length + " in " + expr);
    }
    // SQL positions are 1-based and may start before the string; the window still counts.
    long from = start;
    long to = start + length;
    return codePointRange(text, from, to);
  }

  public static String substring(String text, long start) {
    return codePointRange(text, start, Long.MAX_VALUE);
  }

  private static String codePointRange(String text, long from, long to) {
    int count = text.codePointCount(0, text.length());
    long begin = Math.max(from, 1);
    long end = Math.min(to, (long) count + 1);
    if (begin >= end) {
      return "";
    }
    int beginIndex = text.offsetByCodePoints(0, (int) begin - 1);
    int endIndex = text.offsetByCodePoints(beginIndex, (int) (end - begin));
    return text.substring(beginIndex, endIndex);
  }

  public static int charLength(String text) {
    return text.codePointCount(0, text.length());
  }

  public static String trim(String text, String characters, boolean leading, boolean trailing) {
    int begin = 0;
    int end = text.length();
    if (leading) {
      while (begin < end && characters.indexOf(text.charAt(begin)) >= 0) {
        begin++;
      }
    }
    if (trailing) {
      while (end > begin && characters.indexOf(text.charAt(end - 1)) >= 0) {
        end--;
      }
    }
    return text.substring(begin, end);
  }

  /** Compiles a SQL LIKE pattern ({@code %}, {@code _}, optional escape character). */
  public static Pattern likePattern(String pattern, String escape, String expr) {
    if (escape != null && escape.length() != 1) {
      throw new ExpressionEvaluationException(
          "LIKE escape must be a single character, not '" + escape + "', in " + expr);
    }
    char escapeChar = escape == null ? 0 : escape.charAt(0);
    StringBuilder regex = new StringBuilder(pattern.length() + 8);
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escape != null && c == escapeChar) {
        if (i + 1 >= pattern.length()) {
          throw new ExpressionEvaluationException(
              "LIKE pattern '" + pattern + "' ends with its escape character in " + expr);
        }
        literal.append(pattern.charAt(++i));
      } else if (c == '%' || c == '_') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  public static boolean like(String text, String pattern, String escape, String expr) {
    return likePattern(pattern, escape, expr).matcher(text).matches();
  }

  public static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  public static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  public static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  public static String fromUtf8(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  public static int compare(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  // ---- errors

  private static ExpressionEvaluationException divisionByZero(String expr) {
    return new ExpressionEvaluationException("division by zero in " + expr);
  }

  private static ExpressionEvaluationException overflow(String expr) {
    return new ExpressionEvaluationException("numeric overflow in " + expr);
  }

  private static ExpressionEvaluationException invalidCast(String text, String what, String expr) {
    return new ExpressionEvaluationException(
        "cannot read '" + text + "' as " + what + " in " + expr);
  }
}
