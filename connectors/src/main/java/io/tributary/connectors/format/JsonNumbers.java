package io.tributary.connectors.format;

import java.math.BigDecimal;

/**
 * Floating-point numbers as Arroyo (serde_json, ryu) renders them: the shortest digits that
 * round-trip, always with a fraction or an exponent ({@code 1781.0}, {@code 1e16},
 * {@code 0.0001}, {@code 1.5e-7}); a FLOAT32 uses its own shortest digits ({@code 320.1}).
 */
final class JsonNumbers {
  private JsonNumbers() {}

  static String formatDouble(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "null";
    }
    return format(Double.toString(value), value == 0 ? (1 / value < 0) : value < 0);
  }

  static String formatFloat(float value) {
    if (Float.isNaN(value) || Float.isInfinite(value)) {
      return "null";
    }
    return format(Float.toString(value), value == 0 ? (1 / value < 0) : value < 0);
  }

  private static String format(String javaShortest, boolean negative) {
    BigDecimal decimal = new BigDecimal(javaShortest).abs();
    String sign = negative ? "-" : "";
    if (decimal.signum() == 0) {
      return sign + "0.0";
    }
    decimal = decimal.stripTrailingZeros();
    String digits = decimal.unscaledValue().toString();
    int length = digits.length();
    int exponentOfLastDigit = -decimal.scale();
    int point = length + exponentOfLastDigit;
    StringBuilder out = new StringBuilder(sign);
    if (exponentOfLastDigit >= 0 && point <= 16) {
      out.append(digits).append("0".repeat(exponentOfLastDigit)).append(".0");
    } else if (point > 0 && point <= 16) {
      out.append(digits, 0, point).append('.').append(digits, point, length);
    } else if (point > -5 && point <= 0) {
      out.append("0.").append("0".repeat(-point)).append(digits);
    } else if (length == 1) {
      out.append(digits).append('e').append(point - 1);
    } else {
      out.append(digits.charAt(0)).append('.').append(digits, 1, length).append('e').append(point - 1);
    }
    return out.toString();
  }
}
