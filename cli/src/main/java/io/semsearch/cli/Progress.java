package io.semsearch.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line on stderr (count, rate, and a second count such as passages), shown once the work
 * lasts more than a couple of seconds, refreshed twice a second. Thread-safe.
 */
final class Progress {
  private static final long QUIET_NANOS = 2_000_000_000L;
  private final PrintWriter err;
  private final String unit;
  private final String secondUnit;
  private final long start = System.nanoTime();
  private long done;
  private long second;
  private long lastPrint;
  private boolean printed;
  private long total = -1;

  Progress(PrintWriter err, String unit) {
    this(err, unit, null);
  }

  Progress(PrintWriter err, String unit, String secondUnit) {
    this.err = err;
    this.unit = unit;
    this.secondUnit = secondUnit;
  }

  /** Sets the expected total count, which turns on an ETA; negative when unknown. */
  synchronized void expect(long expectedTotal) {
    this.total = expectedTotal;
  }

  synchronized void advance(long count) {
    advance(count, 0);
  }

  synchronized void advance(long count, long secondCount) {
    done += count;
    second += secondCount;
    long now = System.nanoTime();
    if (now - start > QUIET_NANOS && now - lastPrint > 500_000_000L) {
      lastPrint = now;
      printed = true;
      err.print("\r" + line(now));
      err.flush();
    }
  }

  synchronized void finish() {
    if (printed) {
      err.printf(
          Locale.ROOT,
          "\r%s in %.1f s%n",
          line(System.nanoTime()),
          (System.nanoTime() - start) / 1e9);
      err.flush();
    }
  }

  private String line(long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    String text = String.format(Locale.ROOT, "%,d %s (%.1f/s)", done, unit, done / seconds);
    if (secondUnit != null) {
      text += String.format(Locale.ROOT, ", %,d %s (%.1f/s)", second, secondUnit, second / seconds);
    }
    if (total > 0 && done > 0 && done < total) {
      long eta = Math.round((total - done) * seconds / done);
      text += String.format(Locale.ROOT, ", ~%d:%02d left", eta / 60, eta % 60);
    }
    return text;
  }
}
