package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.index.IndexIntegrity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Verifies an index on disk: checksums and segment structures. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies an index: every file's checksum and every segment's structures (Lucene"
          + " CheckIndex), reading the",
      "whole index once. Prints one line; exits 1 when anything is corrupted. Refused while a"
          + " writer holds the index."
    })
final class CheckCommand implements Callable<Integer> {

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder.")
  Path index;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    IndexIntegrity.Report report = IndexIntegrity.check(index);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("index", report.index().toString());
      node.put("clean", report.clean());
      node.put("segments", report.segments());
      node.put("lucene_documents", report.documents());
      if (report.problem() != null) {
        node.put("problem", report.problem());
      }
      node.put("seconds", report.seconds());
      out.println(node);
    } else {
      out.println(report.summary());
    }
    out.flush();
    return report.clean() ? 0 : 1;
  }

  /**
   * Checks {@code index} before it is served, saying so on {@code err}.
   *
   * @throws IllegalStateException if it is corrupted, with the report's line
   */
  static void verifyBeforeServing(Path index, PrintWriter err) throws IOException {
    IndexIntegrity.Report report = IndexIntegrity.check(index);
    if (!report.clean()) {
      throw new IllegalStateException(report.summary() + "; not serving it");
    }
    err.println(report.summary());
    err.flush();
  }
}
