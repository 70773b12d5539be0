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
  public static Pattern likePattern(String pattern, String escape, boolean ignoreCase, String expr) {
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
    int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
    return Pattern.compile(regex.toString(), flags);
  }

  public static boolean like(String text, String pattern, String escape, boolean ignoreCase, String expr) {
    return likePattern(pattern, escape, ignoreCase, expr).matcher(text).matches();
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

  /** The error a UDF's exception becomes: the row failed in the user's code, not the engine's. */
  public static ExpressionEvaluationException udfFailed(String name, String expression, Throwable cause) {
    return new ExpressionEvaluationException("UDF '" + name + "' threw " + cause + " in " + expression, cause);
  }

  public static String fromUtf8(byte[] bytes) {
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  public static int compare(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  // ---- more string functions

  public static String replace(String text, String search, String replacement) {
    return search.isEmpty() ? text : text.replace(search, replacement);
  }

  /** 1-based code point position of {@code search} in {@code text}, 0 when absent. */
  public static long position(String search, String text) {
    int index = text.indexOf(search);
    return index < 0 ? 0 : text.codePointCount(0, index) + 1;
  }

  public static long position(String search, String text, long from) {
    if (from < 1) {
      return 0;
    }
    int count = text.codePointCount(0, text.length());
    if (from > count + 1) {
      return 0;
    }
    int start = text.offsetByCodePoints(0, (int) from - 1);
    int index = text.indexOf(search, start);
    return index < 0 ? 0 : text.codePointCount(0, index) + 1;
  }

  public static long strpos(String text, String search) {
    return position(search, text);
  }

  public static String left(String text, long n) {
    int count = charLength(text);
    long keep = n >= 0 ? Math.min(n, count) : Math.max(count + n, 0);
    return text.substring(0, text.offsetByCodePoints(0, (int) keep));
  }

  public static String right(String text, long n) {
    int count = charLength(text);
    long keep = n >= 0 ? Math.min(n, count) : Math.max(count + n, 0);
    return text.substring(text.offsetByCodePoints(0, (int) (count - keep)));
  }

  public static String lpad(String text, long length, String fill) {
    return pad(text, length, fill, true);
  }

  public static String lpad(String text, long length) {
    return pad(text, length, " ", true);
  }

  public static String rpad(String text, long length, String fill) {
    return pad(text, length, fill, false);
  }

  public static String rpad(String text, long length) {
    return pad(text, length, " ", false);
  }

  private static String pad(String text, long length, String fill, boolean left) {
    int count = charLength(text);
    if (length <= count) {
      return left(text, Math.max(length, 0));
    }
    if (fill.isEmpty()) {
      return text;
    }
    int missing = (int) Math.min(length - count, 1 << 20);
    StringBuilder padding = new StringBuilder();
    while (charLength(padding.toString()) < missing) {
      padding.append(fill);
    }
    String pad = left(padding.toString(), missing);
    return left ? pad + text : text + pad;
  }

  public static String repeat(String text, long times) {
    return times <= 0 ? "" : text.repeat((int) Math.min(times, Integer.MAX_VALUE));
  }

  public static String reverse(String text) {
    return new StringBuilder(text).reverse().toString();
  }

  public static String initcap(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean start = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
      start = !Character.isLetterOrDigit(c);
    }
    return out.toString();
  }

  public static boolean startsWith(String text, String prefix) {
    return text.startsWith(prefix);
  }

  public static boolean endsWith(String text, String suffix) {
    return text.endsWith(suffix);
  }

  public static String md5(String text) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("MD5").digest(utf8(text)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no MD5", e);
    }
  }

  public static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(utf8(text)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  // ---- more math

  public static double power(double base, double exponent) {
    return Math.pow(base, exponent);
  }

  public static double sqrt(double value, String expr) {
    if (value < 0) {
      throw new ExpressionEvaluationException("cannot take the square root of " + value + " in " + expr);
    }
    return Math.sqrt(value);
  }

  public static double ln(double value, String expr) {
    if (value <= 0) {
      throw new ExpressionEvaluationException("cannot take the logarithm of " + value + " in " + expr);
    }
    return Math.log(value);
  }

  public static double log10(double value, String expr) {
    if (value <= 0) {
      throw new ExpressionEvaluationException("cannot take the logarithm of " + value + " in " + expr);
    }
    return Math.log10(value);
  }

  public static double exp(double value) {
    return Math.exp(value);
  }

  public static double sign(double value) {
    return Math.signum(value);
  }

  // ---- date and time (Arroyo / DataFusion)

  /** date_trunc: the timestamp truncated to the start of its {@code unit} (UTC). */
  public static long dateTrunc(String unit, long nanos, String expr) {
    long fixed = switch (unit.toLowerCase(Locale.ROOT)) {
      case "nanosecond", "nanoseconds" -> 1L;
      case "microsecond", "microseconds" -> 1_000L;
      case "millisecond", "milliseconds" -> 1_000_000L;
      case "second", "seconds" -> 1_000_000_000L;
      case "minute", "minutes" -> 60_000_000_000L;
      case "hour", "hours" -> 3_600_000_000_000L;
      case "day", "days" -> 86_400_000_000_000L;
      default -> 0L;
    };
    if (fixed != 0L) {
      return floorTimestamp(nanos, fixed);
    }
    LocalDateTime time = LocalDateTime.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), 0, ZoneOffset.UTC).toLocalDate().atStartOfDay();
    LocalDateTime truncated = switch (unit.toLowerCase(Locale.ROOT)) {
      case "week", "weeks" -> time.minusDays(time.getDayOfWeek().getValue() - 1L);
      case "month", "months" -> time.withDayOfMonth(1);
      case "quarter", "quarters" -> time.withDayOfMonth(1).withMonth((time.getMonthValue() - 1) / 3 * 3 + 1);
      case "year", "years" -> time.withDayOfYear(1);
      case "decade" -> time.withDayOfYear(1).withYear(Math.floorDiv(time.getYear(), 10) * 10);
      case "century" -> time.withDayOfYear(1).withYear((time.getYear() - 1) / 100 * 100 + 1);
      default -> throw new ExpressionEvaluationException(
          "unsupported date_trunc unit '" + unit + "' in " + expr);
    };
    return multiply(truncated.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L, expr);
  }

  /** Whether {@code unit} is one date_trunc knows. */
  public static boolean isDateTruncUnit(String unit) {
    try {
      dateTrunc(unit, 0L, "");
      return true;
    } catch (ExpressionEvaluationException e) {
      return false;
    }
  }

  /** A timestamp from a count of {@code unitNanos} since the epoch (seconds may be fractional). */
  public static long fromEpoch(double value, long unitNanos, String expr) {
    double nanos = value * unitNanos;
    if (Double.isNaN(nanos) || nanos >= 0x1p63 || nanos < -0x1p63) {
      throw overflow(expr);
    }
    return Math.round(nanos);
  }

  public static long fromEpoch(long value, long unitNanos, String expr) {
    return multiply(value, unitNanos, expr);
  }

  public static long nowNanos() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  // ---- more strings

  /** PostgreSQL's concat_ws: NULL separator gives NULL, NULL values are skipped. */
  public static String concatWs(String separator, String[] values) {
    StringBuilder out = new StringBuilder();
    boolean first = true;
    for (String value : values) {
      if (value == null) {
        continue;
      }
      if (!first) {
        out.append(separator);
      }
      out.append(value);
      first = false;
    }
    return out.toString();
  }

  /** split_part: the {@code n}th (1-based; negative counts from the end) field, "" when absent. */
  public static String splitPart(String text, String delimiter, long n, String expr) {
    if (n == 0) {
      throw new ExpressionEvaluationException("field position must not be zero in " + expr);
    }
    java.util.List<String> parts = new java.util.ArrayList<>();
    if (delimiter.isEmpty()) {
      parts.add(text);
    } else {
      int start = 0;
      int at;
      while ((at = text.indexOf(delimiter, start)) >= 0) {
        parts.add(text.substring(start, at));
        start = at + delimiter.length();
      }
      parts.add(text.substring(start));
    }
    long index = n > 0 ? n - 1 : parts.size() + n;
    return index < 0 || index >= parts.size() ? "" : parts.get((int) index);
  }

  /** translate: each character of {@code from} becomes the one at its position in {@code to}, or goes. */
  public static String translate(String text, String from, String to) {
    int[] fromCps = from.codePoints().toArray();
    int[] toCps = to.codePoints().toArray();
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      int at = -1;
      for (int i = 0; i < fromCps.length; i++) {
        if (fromCps[i] == cp) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        out.appendCodePoint(cp);
      } else if (at < toCps.length) {
        out.appendCodePoint(toCps[at]);
      }
    });
    return out.toString();
  }

  /** ascii: the first character's code point, 0 for the empty string. */
  public static long ascii(String text) {
    return text.isEmpty() ? 0 : text.codePointAt(0);
  }

  public static String chr(long codePoint, String expr) {
    if (codePoint <= 0 || codePoint > Character.MAX_CODE_POINT) {
      throw new ExpressionEvaluationException("invalid code point " + codePoint + " in " + expr);
    }
    return new String(Character.toChars((int) codePoint));
  }

  public static long octetLength(String text) {
    return utf8(text).length;
  }

  public static String toHex(long value) {
    return Long.toHexString(value);
  }

  private static String digest(String algorithm, String text) {
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance(algorithm).digest(utf8(text)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no " + algorithm, e);
    }
  }

  public static String sha224(String text) {
    return digest("SHA-224", text);
  }

  public static String sha384(String text) {
    return digest("SHA-384", text);
  }

  public static String sha512(String text) {
    return digest("SHA-512", text);
  }

  // ---- regular expressions (PostgreSQL flags: g global, i case-insensitive, c, m/n, s, x)

  private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

  private static Pattern regex(String pattern, String flags, String expr) {
    String key = flags + "/" + pattern;
    Pattern cached = PATTERNS.get(key);
    if (cached != null) {
      return cached;
    }
    int bits = 0;
    for (char flag : flags.toCharArray()) {
      switch (flag) {
        case 'g' -> {}
        case 'i' -> bits |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        case 'c' -> bits &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        case 'm', 'n' -> bits |= Pattern.MULTILINE;
        case 's' -> bits |= Pattern.DOTALL;
        case 'x' -> bits |= Pattern.COMMENTS;
        default -> throw new ExpressionEvaluationException(
            "unsupported regular expression flag '" + flag + "' in " + expr);
      }
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern, bits);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new ExpressionEvaluationException(
          "invalid regular expression '" + pattern + "' (" + e.getDescription() + ") in " + expr);
    }
    if (PATTERNS.size() > 1_000) {
      PATTERNS.clear();
    }
    PATTERNS.put(key, compiled);
    return compiled;
  }

  /** regexp_replace: the first match, or every match with flag g; {@code \1} refers to groups. */
  public static String regexpReplace(String text, String pattern, String replacement, String flags, String expr) {
    java.util.regex.Matcher matcher = regex(pattern, flags, expr).matcher(text);
    StringBuilder javaReplacement = new StringBuilder();
    for (int i = 0; i < replacement.length(); i++) {
      char c = replacement.charAt(i);
      if (c == '\\' && i + 1 < replacement.length()) {
        char next = replacement.charAt(++i);
        if (Character.isDigit(next)) {
          javaReplacement.append('$').append(next);
        } else {
          javaReplacement.append('\\').append(next);
        }
      } else if (c == '$') {
        javaReplacement.append("\\$");
      } else {
        javaReplacement.append(c);
      }
    }
    String r = javaReplacement.toString();
    return flags.indexOf('g') >= 0 ? matcher.replaceAll(r) : matcher.replaceFirst(r);
  }

  public static String regexpReplace(String text, String pattern, String replacement, String expr) {
    return regexpReplace(text, pattern, replacement, "", expr);
  }

  /** regexp_like: whether the pattern matches anywhere in the text. */
  public static boolean regexpLike(String text, String pattern, String flags, String expr) {
    return regex(pattern, flags, expr).matcher(text).find();
  }

  public static boolean regexpLike(String text, String pattern, String expr) {
    return regexpLike(text, pattern, "", expr);
  }

  /** regexp_match: the first capture group of the first match (the whole match without groups). */
  public static String regexpMatch(String text, String pattern, String flags, String expr) {
    java.util.regex.Matcher matcher = regex(pattern, flags, expr).matcher(text);
    if (!matcher.find()) {
      return null;
    }
    return matcher.groupCount() == 0 ? matcher.group() : matcher.group(1);
  }

  public static String regexpMatch(String text, String pattern, String expr) {
    return regexpMatch(text, pattern, "", expr);
  }

  // ---- more math

  /** log(x): base 10, as in PostgreSQL and DataFusion. */
  public static double log(double value, String expr) {
    return log10(value, expr);
  }

  /** log(base, x). */
  public static double log(double base, double value, String expr) {
    if (base <= 0 || base == 1) {
      throw new ExpressionEvaluationException("cannot take the logarithm to base " + base + " in " + expr);
    }
    return ln(value, expr) / Math.log(base);
  }

  public static double log2(double value, String expr) {
    return ln(value, expr) / Math.log(2);
  }

  public static double cbrt(double value) {
    return Math.cbrt(value);
  }

  public static double trunc(double value) {
    return value < 0 ? Math.ceil(value) : Math.floor(value);
  }

  public static double trunc(double value, long digits) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    return new BigDecimal(Double.toString(value)).setScale((int) Math.max(-400, Math.min(400, digits)), RoundingMode.DOWN)
        .doubleValue();
  }

  public static double sin(double value) {
    return Math.sin(value);
  }

  public static double cos(double value) {
    return Math.cos(value);
  }

  public static double tan(double value) {
    return Math.tan(value);
  }

  public static double cot(double value) {
    return 1.0 / Math.tan(value);
  }

  public static double asin(double value) {
    return Math.asin(value);
  }

  public static double acos(double value) {
    return Math.acos(value);
  }

  public static double atan(double value) {
    return Math.atan(value);
  }

  public static double atan2(double y, double x) {
    return Math.atan2(y, x);
  }

  public static double degrees(double value) {
    return Math.toDegrees(value);
  }

  public static double radians(double value) {
    return Math.toRadians(value);
  }

  public static double random() {
    return java.util.concurrent.ThreadLocalRandom.current().nextDouble();
  }

  // ---- EXTRACT

  private static final java.util.Set<String> EXTRACT_UNITS = java.util.Set.of(
      "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "DOW", "DOY", "HOUR", "MINUTE", "SECOND",
      "MILLISECOND", "MICROSECOND", "NANOSECOND", "EPOCH", "DECADE", "CENTURY", "MILLENNIUM", "ISODOW", "ISOYEAR");

  public static boolean isExtractUnit(String unit) {
    return EXTRACT_UNITS.contains(unit);
  }

  /** A part of a timestamp (nanoseconds since the epoch); SECOND is the whole seconds. */
  public static long extract(String unit, long nanos) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
    return switch (unit) {
      case "YEAR" -> time.getYear();
      case "QUARTER" -> (time.getMonthValue() - 1) / 3 + 1;
      case "MONTH" -> time.getMonthValue();
      case "WEEK" -> time.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case "DAY" -> time.getDayOfMonth();
      case "DOW" -> time.getDayOfWeek().getValue() % 7;
      case "ISODOW" -> time.getDayOfWeek().getValue();
      case "DOY" -> time.getDayOfYear();
      case "HOUR" -> time.getHour();
      case "MINUTE" -> time.getMinute();
      case "SECOND" -> time.getSecond();
      case "MILLISECOND" -> time.getSecond() * 1_000L + time.getNano() / 1_000_000;
      case "MICROSECOND" -> time.getSecond() * 1_000_000L + time.getNano() / 1_000;
      case "NANOSECOND" -> time.getSecond() * 1_000_000_000L + time.getNano();
      case "EPOCH" -> Math.floorDiv(nanos, 1_000_000_000L);
      case "DECADE" -> Math.floorDiv(time.getYear(), 10);
      case "CENTURY" -> time.getYear() > 0 ? (time.getYear() + 99) / 100 : -((99 - time.getYear()) / 100);
      case "MILLENNIUM" -> time.getYear() > 0 ? (time.getYear() + 999) / 1000 : -((999 - time.getYear()) / 1000);
      case "ISOYEAR" -> time.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR);
      default -> throw new IllegalArgumentException("unknown EXTRACT unit " + unit);
    };
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
