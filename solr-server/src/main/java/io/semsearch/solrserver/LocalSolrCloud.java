package io.semsearch.solrserver;

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
 * free ports, otherwise node i listens on P + i.
 */
public final class LocalSolrCloud {

  /** The start of the line printed once the cluster answers. */
  public static final String READY = "SOLRCLOUD READY ";

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
      while (System.in.read() >= 0) {
        // the parent holds our standard input open while it wants the cluster
      }
      // stopped here rather than by the shutdown hook, so that the exit status tells how it went
      System.exit(shutdown(cluster) ? 0 : 1);
    }
    stopped.await();
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
