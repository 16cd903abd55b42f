package io.semsearch.cli;

import io.semsearch.solr.SolrServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** SolrCloud helpers: {@code solr local} runs a development cluster. */
@Command(
    name = "solr",
    mixinStandardHelpOptions = true,
    description = "SolrCloud helpers.",
    subcommands = {SolrCommand.Local.class})
final class SolrCommand implements Runnable {

  @Override
  public void run() {
    throw new IllegalArgumentException("solr needs a subcommand: local");
  }

  /**
   * Runs a real SolrCloud with an embedded ZooKeeper in the foreground: the solr-server module's
   * MiniSolrCloudCluster in a child JVM of its own (Solr 9 is on Lucene 9, semsearch on Lucene 10).
   */
  @Command(
      name = "local",
      mixinStandardHelpOptions = true,
      description = {
        "Runs a development SolrCloud on this machine (embedded ZooKeeper, N Solr nodes) in the"
            + " foreground until Ctrl-C.",
        "Then: ./semsearch index --solr http://127.0.0.1:PORT/solr --collection NAME --input PATH"
      })
  static final class Local implements Callable<Integer> {

    /** How long stopping waits for the nodes and ZooKeeper to shut down. */
    private static final long STOP_SECONDS = 60;

    @Option(
        names = "--nodes",
        defaultValue = "2",
        paramLabel = "N",
        description = "Solr nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(
        names = "--port",
        defaultValue = "8983",
        paramLabel = "P",
        description =
            "Port of the first node; node i listens on P + i (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--dir",
        paramLabel = "D",
        description = "Folder for the cluster's data (default: a new temporary folder).")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (nodes < 1 || nodes > 16) {
        throw new IllegalArgumentException("--nodes must be in 1..16, got: " + nodes);
      }
      if (port < 1 || port + nodes > 65535) {
        throw new IllegalArgumentException("--port must be in 1.." + (65535 - nodes) + ": " + port);
      }
      List<String> args = new ArrayList<>(List.of("--nodes", "" + nodes, "--port", "" + port));
      if (dir != null) {
        Files.createDirectories(dir);
        args.addAll(List.of("--dir", dir.toAbsolutePath().toString()));
      }
      String root = System.getProperty("semsearch.root");
      if (root == null) {
        throw new IllegalArgumentException(
            "solr local runs from the repository: start it with ./semsearch solr local");
      }
      Process child =
          new ProcessBuilder(
                  SolrServerProcess.command(Path.of(root), SolrServerProcess.currentJava(), args))
              .inheritIO()
              .start();
      // Ctrl-C reaches both JVMs; a SIGTERM to this one alone stops the cluster too
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    child.destroy();
                    try {
                      child.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "solr-local-stop"));
      return child.waitFor();
    }
  }
}
