package io.tributary.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.operator.Watermark;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatermarkTrackerTest {
  @Test
  void emitsTheMinimumOnceEveryInputHasOne() {
    WatermarkTracker tracker = new WatermarkTracker(2);
    assertThat(tracker.update(0, Watermark.eventTime(10))).isEmpty();
    assertThat(tracker.update(1, Watermark.eventTime(5))).contains(Watermark.eventTime(5));
    assertThat(tracker.update(1, Watermark.eventTime(20))).contains(Watermark.eventTime(10));
    assertThat(tracker.update(1, Watermark.eventTime(30))).isEmpty();
  }

  @Test
  void idleAndEndedInputsDoNotHoldBack() {
    WatermarkTracker tracker = new WatermarkTracker(3);
    tracker.update(0, Watermark.eventTime(10));
    assertThat(tracker.update(1, Watermark.IDLE)).isEmpty();
    assertThat(tracker.end(2)).contains(Watermark.eventTime(10));
    assertThat(tracker.update(0, Watermark.IDLE)).contains(Watermark.IDLE);
    assertThat(tracker.update(0, Watermark.eventTime(12))).contains(Watermark.eventTime(12));
  }

  @Test
  void neverMovesBackwards() {
    WatermarkTracker tracker = new WatermarkTracker(2);
    tracker.update(0, Watermark.eventTime(10));
    tracker.update(1, Watermark.IDLE);
    assertThat(tracker.update(1, Watermark.eventTime(3))).isEqualTo(Optional.empty());
  }
}
