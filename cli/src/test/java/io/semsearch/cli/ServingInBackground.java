package io.semsearch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link Serving} loop on a thread of its own, as a test drives it: URL, printout, stop. */
final class ServingInBackground {

  /** One call of {@code Serving.serve} printing to {@code out} until {@code stop} opens. */
  interface ServeCall {
    int serve(PrintWriter out, CountDownLatch stop) throws Exception;
  }

  private static final Pattern URL = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/)");

  private final StringWriter printed = new StringWriter();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Future<Integer> serving;

  ServingInBackground(ServeCall call) {
    PrintWriter out = new PrintWriter(printed, true);
    this.serving = thread.submit(() -> call.serve(out, stop));
  }

  /** The server's base URL once it printed it (up to a minute), failing if it stopped first. */
  String baseUrl() throws Exception {
    Matcher m = URL.matcher("");
    for (int i = 0; i < 1200 && !(m = URL.matcher(printed.toString())).find(); i++) {
      if (serving.isDone()) {
        // rethrows what stopped it
        throw new AssertionError("server stopped early with " + serving.get() + ": " + printed);
      }
      Thread.sleep(50);
    }
    return m.group(1);
  }

  /** What the loop printed so far. */
  String printed() {
    return printed.toString();
  }

  /** Stops the loop and returns its exit status. */
  int stop() throws Exception {
    stop.countDown();
    try {
      return serving.get(30, TimeUnit.SECONDS);
    } finally {
      thread.shutdown();
    }
  }
}
