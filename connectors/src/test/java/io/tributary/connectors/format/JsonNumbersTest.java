package io.tributary.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonNumbersTest {
  @Test
  void doublesAlwaysHaveAFractionOrExponent() {
    assertThat(JsonNumbers.formatDouble(1781.0)).isEqualTo("1781.0");
    assertThat(JsonNumbers.formatDouble(0.1)).isEqualTo("0.1");
    assertThat(JsonNumbers.formatDouble(-2.5)).isEqualTo("-2.5");
    assertThat(JsonNumbers.formatDouble(0.0)).isEqualTo("0.0");
    assertThat(JsonNumbers.formatDouble(-0.0)).isEqualTo("-0.0");
    assertThat(JsonNumbers.formatDouble(1e10)).isEqualTo("10000000000.0");
    assertThat(JsonNumbers.formatDouble(1e16)).isEqualTo("1e16");
    assertThat(JsonNumbers.formatDouble(1.5e17)).isEqualTo("1.5e17");
    assertThat(JsonNumbers.formatDouble(0.0001)).isEqualTo("0.0001");
    assertThat(JsonNumbers.formatDouble(1e-7)).isEqualTo("1e-7");
    assertThat(JsonNumbers.formatDouble(123.456)).isEqualTo("123.456");
    assertThat(JsonNumbers.formatDouble(Double.NaN)).isEqualTo("null");
  }

  @Test
  void floatsUseTheirOwnShortestDigits() {
    assertThat(JsonNumbers.formatFloat(320.1f)).isEqualTo("320.1");
    assertThat(JsonNumbers.formatFloat(0.1f)).isEqualTo("0.1");
    assertThat(JsonNumbers.formatFloat(3f)).isEqualTo("3.0");
  }
}
