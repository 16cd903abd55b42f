package io.semsearch.solrserver;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A development SolrCloud on this machine: an embedded ZooKeeper and {@code nodes} Solr nodes
 * (Jetty) in this JVM, from solr-test-framework's {@link MiniSolrCloudCluster}, running until the
 * JVM is stopped (Ctrl-C, SIGTERM, or end of standard input when {@code --stop-on-eof} is given).
 *
 * <p>Solr 9 runs on Lucene 9 while semsearch runs on Lucene 10, so this class is never on the
 * application's class path: {@code ./semsearch solr local} and the cluster tests start it as a
 * child JVM. Once every node is live it prints one line, {@value #READY} followed by the base URLs
 * of the nodes separated by spaces, which is what its parent waits for.
 *
 * <p>Usage: {@code LocalSolrCloud [--nodes N] [--port P] [--dir D] [--stop-on-eof]}; port 0 picks
 * free ports, otherwise node i listens on P + i. With {@code --stop-on-eof} the cluster also takes
 * commands on standard input, one a line ({@code stop-node I}), and stops when it ends.
 */
public final class LocalSolrCloud {

  /** The start of the line printed once the cluster answers. */
  public static final String READY = "SOLRCLOUD READY ";

  /** The start of the line printed once a node was stopped on request. */
  public static final String NODE_STOPPED = "SOLRCLOUD NODE STOPPED ";

  private LocalSolrCloud() {}

  /** Options of one run. */
  record Options(int nodes, int port, Path dir, boolean stopOnEof) {

    static Options parse(String[] args) {
      int nodes = 2;
      int port = 8983;
      Path dir = null;
      boolean stopOnEof = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--nodes" -> nodes = Integer.parseInt(value(args, ++i));
          case "--port" -> port = Integer.parseInt(value(args, ++i));
          case "--dir" -> dir = Path.of(value(args, ++i));
          case "--stop-on-eof" -> stopOnEof = true;
          default -> throw new IllegalArgumentException("unknown option: " + args[i]);
        }
      }
      if (nodes < 1 || nodes > 16) {
        throw new IllegalArgumentException("--nodes must be in 1..16, got: " + nodes);
      }
      if (port < 0 || port + nodes > 65535) {
        throw new IllegalArgumentException("--port must be in 0.." + (65535 - nodes) + ": " + port);
      }
      return new Options(nodes, port, dir, stopOnEof);
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + " needs a value");
      }
      return args[i];
    }
  }

  /** Starts the cluster and blocks until the JVM is asked to stop. */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("solr local: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path dir = options.dir() != null ? options.dir() : Files.createTempDirectory("semsearch-solr");
    Files.createDirectories(dir);
    MiniSolrCloudCluster cluster;
    try {
      cluster = start(options, dir);
    } catch (Exception e) {
      System.err.println("solr local: the cluster did not start: " + e);
      e.printStackTrace();
      // Solr's threads would keep a half-started JVM alive
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shutdown(cluster);
                  stopped.countDown();
                },
                "solr-local-shutdown"));
    List<String> urls = new ArrayList<>();
    for (JettySolrRunner node : cluster.getJettySolrRunners()) {
      urls.add(node.getBaseUrl().toString());
    }
    System.out.println(READY + String.join(" ", urls));
    System.out.println(
        "solr local: "
            + options.nodes()
            + " nodes, ZooKeeper at "
            + cluster.getZkServer().getZkAddress()
            + ", data in "
            + dir
            + "; Ctrl-C stops it");
    System.out.flush();
    if (options.stopOnEof()) {
      // the parent holds our standard input open while it wants the cluster, and may send commands
      BufferedReader commands =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = commands.readLine()) != null; ) {
        run(cluster, line.strip());
      }
      // stopped here rather than by the shutdown hook, so that the exit status tells how it went
      System.exit(shutdown(cluster) ? 0 : 1);
    }
    stopped.await();
  }

  /**
   * Runs one command from the parent: {@code stop-node I} stops node I (its Jetty and cores, as a
   * crash of that machine would), then answers {@value #NODE_STOPPED} and the node's index.
   */
  private static void run(MiniSolrCloudCluster cluster, String command) {
    try {
      if (command.startsWith("stop-node ")) {
        int node = Integer.parseInt(command.substring("stop-node ".length()).strip());
        cluster.stopJettySolrRunner(node);
        System.out.println(NODE_STOPPED + node);
      } else if (!command.isEmpty()) {
        System.err.println("solr local: unknown command: " + command);
      }
    } catch (Exception e) {
      System.err.println("solr local: " + command + " failed: " + e);
    }
    System.out.flush();
  }

  private static MiniSolrCloudCluster start(Options options, Path dir) throws Exception {
    MiniSolrCloudCluster cluster =
        new MiniSolrCloudCluster.Builder(0, dir).withMetrics(false).formatZkServer(false).build();
    try {
      for (int i = 0; i < options.nodes(); i++) {
        int port = options.port() == 0 ? 0 : options.port() + i;
        cluster.startJettySolrRunner(
            "node" + i, "/solr", JettyConfig.builder().setPort(port).stopAtShutdown(false).build());
      }
      cluster.waitForAllNodes(120);
      return cluster;
    } catch (Exception e) {
      shutdown(cluster);
      throw e;
    }
  }

  private static final AtomicBoolean STOPPED = new AtomicBoolean();

  /** Stops the nodes and ZooKeeper once; whether they stopped without error. */
  private static boolean shutdown(MiniSolrCloudCluster cluster) {
    if (STOPPED.getAndSet(true)) {
      return true;
    }
    try {
      cluster.shutdown();
      return true;
    } catch (Exception e) {
      System.err.println("solr local: stopping the cluster failed: " + e);
      return false;
    }
  }
}
