package io.semsearch.cli;

import java.io.PrintWriter;
import java.util.Locale;

/** A progress line on stderr, shown once the work lasts more than a couple of seconds. */
final class Progress {
  private static final long QUIET_NANOS = 2_000_000_000L;
  private final PrintWriter err;
  private final String unit;
  private final long start = System.nanoTime();
  private long done;
  private long lastPrint;
  private boolean printed;

  Progress(PrintWriter err, String unit) {
    this.err = err;
    this.unit = unit;
  }

  void advance(long count) {
    done += count;
    long now = System.nanoTime();
    if (now - start > QUIET_NANOS && now - lastPrint > 500_000_000L) {
      lastPrint = now;
      printed = true;
      err.printf(Locale.ROOT, "\r%,d %s, %.1f %s/s", done, unit, rate(now), unit);
      err.flush();
    }
  }

  void finish() {
    if (printed) {
      err.printf(Locale.ROOT, "\r%,d %s in %.1f s, %.1f %s/s%n", done, unit, (System.nanoTime() - start) / 1e9, rate(System.nanoTime()), unit);
      err.flush();
    }
  }

  private double rate(long now) {
    return done / Math.max(1e-9, (now - start) / 1e9);
  }
}
