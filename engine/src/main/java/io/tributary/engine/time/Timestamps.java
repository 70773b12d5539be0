package io.tributary.engine.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * Text forms of TIMESTAMP (nanoseconds since the epoch, no time zone), DATE and TIME values,
 * matching Arroyo's rendering: naive ISO-8601 with 0, 3, 6 or 9 fraction digits
 * ({@code 2023-10-09T17:13:40.200}).
 */
public final class Timestamps {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long NANOS_PER_DAY = 86_400L * NANOS_PER_SECOND;

  // Accepts 'T' or ' ' between date and time, any fraction, an optional offset or 'Z'.
  private static final DateTimeFormatter PARSER =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter();

  private Timestamps() {}

  public static String format(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
    int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
    LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(29);
    out.append(DateTimeFormatter.ISO_LOCAL_DATE.format(time.toLocalDate())).append('T');
    appendTime(out, time.getHour(), time.getMinute(), time.getSecond(), nanos);
    return out.toString();
  }

  public static String formatDate(int epochDays) {
    return LocalDate.ofEpochDay(epochDays).toString();
  }

  public static String formatTime(long nanosOfDay) {
    LocalTime time = LocalTime.ofNanoOfDay(Math.floorMod(nanosOfDay, NANOS_PER_DAY));
    StringBuilder out = new StringBuilder(18);
    appendTime(out, time.getHour(), time.getMinute(), time.getSecond(), time.getNano());
    return out.toString();
  }

  private static void appendTime(StringBuilder out, int hour, int minute, int second, int nanos) {
    two(out, hour).append(':');
    two(out, minute).append(':');
    two(out, second);
    if (nanos != 0) {
      int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
      String fraction = Integer.toString(1_000_000_000 + nanos).substring(1, 1 + digits);
      out.append('.').append(fraction);
    }
  }

  private static StringBuilder two(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    return out.append(value);
  }

  /**
   * Parses ISO-8601 / RFC 3339 text ({@code 2023-10-09T17:13:40.2Z}, {@code 2023-10-09
   * 17:13:40}, {@code 2023-10-09}); an offset converts to UTC, no offset is taken as is.
   */
  public static Optional<Long> parse(String text) {
    try {
      var parsed = PARSER.parse(text.trim());
      LocalDate date = LocalDate.from(parsed);
      LocalTime time =
          parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
      LocalDateTime local = LocalDateTime.of(date, time);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS));
        return Optional.of(toNanos(OffsetDateTime.of(local, offset).toInstant()));
      }
      return Optional.of(toNanos(local.toInstant(ZoneOffset.UTC)));
    } catch (DateTimeException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  public static Optional<Integer> parseDate(String text) {
    try {
      return Optional.of((int) LocalDate.parse(text.trim()).toEpochDay());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public static Optional<Long> parseTime(String text) {
    try {
      return Optional.of(LocalTime.parse(text.trim()).toNanoOfDay());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public static long toNanos(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
  }

  public static Instant toInstant(long epochNanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochNanos, NANOS_PER_SECOND), Math.floorMod(epochNanos, NANOS_PER_SECOND));
  }

  public static long nanosPerDay() {
    return NANOS_PER_DAY;
  }
}
