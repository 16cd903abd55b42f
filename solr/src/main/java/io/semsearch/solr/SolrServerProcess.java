package io.semsearch.solr;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A development SolrCloud in a child JVM: the {@code solr-server} module's {@code LocalSolrCloud}
 * (MiniSolrCloudCluster with embedded ZooKeeper), started on that module's class path, which holds
 * Solr's Lucene 9 apart from this JVM's Lucene 10.
 *
 * <p>The child's output is copied to {@code log} line by line; {@link #start} returns once the
 * child prints its ready line with the nodes' URLs. The child stops when its standard input closes
 * ({@link #close()}), or with this JVM.
 */
public final class SolrServerProcess implements Closeable {

  /** The line the child prints when every node answers, followed by the nodes' URLs. */
  static final String READY = "SOLRCLOUD READY ";

  /** The line the child prints when it stopped a node on request, followed by its index. */
  static final String NODE_STOPPED = "SOLRCLOUD NODE STOPPED ";

  static final String MAIN_CLASS = "io.semsearch.solrserver.LocalSolrCloud";

  private final Process process;
  private final List<String> urls;
  private final BlockingQueue<Integer> stoppedNodes;

  private SolrServerProcess(
      Process process, List<String> urls, BlockingQueue<Integer> stoppedNodes) {
    this.process = process;
    this.urls = urls;
    this.stoppedNodes = stoppedNodes;
  }

  /**
   * The java command running {@code LocalSolrCloud} with {@code args}, from the solr-server module
   * built under {@code root} (the repository): its classes and the class path file its build
   * writes.
   *
   * @param java the java launcher to run it with
   * @throws IOException if the module is not built, naming what is missing
   */
  public static List<String> command(Path root, Path java, List<String> args) throws IOException {
    Path module = root.resolve("solr-server").resolve("target");
    Path classes = module.resolve("classes");
    Path classpath = module.resolve("solr-classpath.txt");
    if (!Files.isDirectory(classes) || !Files.isRegularFile(classpath)) {
      throw new IOException(
          module
              + ": the Solr server is not built (run mvn -pl solr-server -am package -DskipTests)");
    }
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xmx1g");
    command.add("-Dsolr.log.dir=" + module.resolve("logs"));
    command.add("-cp");
    command.add(classes + File.pathSeparator + Files.readString(classpath).strip());
    command.add(MAIN_CLASS);
    command.addAll(args);
    return command;
  }

  /** The java launcher of this JVM. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * Starts a cluster of {@code nodes} nodes on free ports with its data in {@code dir}, and waits
   * up to {@code timeoutSeconds} for it to answer.
   *
   * @throws IOException if the child fails or is not ready in time, with its last output
   */
  public static SolrServerProcess start(
      Path root, int nodes, Path dir, PrintStream log, long timeoutSeconds) throws IOException {
    List<String> command =
        command(
            root,
            currentJava(),
            List.of(
                "--nodes",
                Integer.toString(nodes),
                "--port",
                "0",
                "--dir",
                dir.toString(),
                "--stop-on-eof"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<List<String>> ready = new CompletableFuture<>();
    BlockingQueue<Integer> stoppedNodes = new LinkedBlockingQueue<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.startsWith(READY)) {
                    ready.complete(Arrays.asList(line.substring(READY.length()).split(" ")));
                  } else if (line.startsWith(NODE_STOPPED)) {
                    stoppedNodes.add(Integer.parseInt(line.substring(NODE_STOPPED.length())));
                  }
                  log.println(line);
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(
                  new IOException("the Solr server exited before it was ready"));
            },
            "solr-server-output");
    pump.setDaemon(true);
    pump.start();
    try {
      return new SolrServerProcess(
          process, ready.get(timeoutSeconds, TimeUnit.SECONDS), stoppedNodes);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("the Solr server did not start: " + e.getMessage(), e);
    }
  }

  /** The base URLs of the nodes, such as {@code http://127.0.0.1:PORT/solr}. */
  public List<String> urls() {
    return urls;
  }

  /** The nodes' URLs, comma-separated, as {@code --solr} takes them. */
  public String url() {
    return String.join(",", urls);
  }

  /**
   * Stops node {@code index} (as a crash of its machine would, but cleanly enough to restart the
   * test) and waits until it is down; the other nodes and ZooKeeper keep running.
   *
   * @throws IOException if the node did not stop within a minute
   */
  public void stopNode(int index) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write(("stop-node " + index + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    try {
      Integer stopped = stoppedNodes.poll(60, TimeUnit.SECONDS);
      if (stopped == null || stopped != index) {
        throw new IOException("node " + index + " did not stop (got: " + stopped + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping node " + index, e);
    }
  }

  /**
   * Stops the cluster (closing the child's standard input) and waits for the child to exit, killing
   * it after a minute.
   *
   * @return the child's exit status: 0 when the cluster stopped cleanly
   */
  public int stop() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping the Solr server", e);
    }
  }

  /** As {@link #stop()}. */
  @Override
  public void close() throws IOException {
    stop();
  }
}
