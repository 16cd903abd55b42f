package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows what an index holds and how it was built. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Documents, passages, model, vector and HNSW settings, size, segments.")
final class StatsCommand implements Callable<Integer> {

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder.")
  Path index;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    IndexStats stats = IndexStats.read(index);
    IndexMetadata m = stats.metadata();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode node = new ObjectMapper().createObjectNode();
      node.put("documents", stats.documents());
      node.put("passages", stats.passages());
      node.put("model", m.modelId());
      node.put("model_fingerprint", m.modelFingerprint());
      node.put("dimension", m.dimension());
      node.put("similarity", m.similarityLabel());
      node.put("max_seq_length", m.maxSeqLength());
      node.put("passage_overlap_tokens", m.passageOverlapTokens());
      node.put("hnsw_m", m.hnswM());
      node.put("hnsw_beam_width", m.beamWidth());
      node.put("quantization", m.quantization().label());
      node.put("size_bytes", stats.sizeBytes());
      node.put("segments", stats.segments());
      node.put("semsearch_version", m.semsearchVersion());
      out.println(node);
    } else {
      out.printf(Locale.ROOT, "index          %s%n", index);
      out.printf(Locale.ROOT, "documents      %,d%n", stats.documents());
      out.printf(Locale.ROOT, "passages       %,d%n", stats.passages());
      out.printf(
          Locale.ROOT,
          "model          %s (fingerprint %s)%n",
          m.modelId(),
          m.modelFingerprint().substring(0, Math.min(12, m.modelFingerprint().length())));
      out.printf(
          Locale.ROOT,
          "vectors        %d dimensions, %s, quantization %s%n",
          m.dimension(),
          m.similarityLabel(),
          m.quantization().label());
      out.printf(Locale.ROOT, "hnsw           M %d, beam width %d%n", m.hnswM(), m.beamWidth());
      out.printf(
          Locale.ROOT,
          "passages       max %d tokens, overlap %d%n",
          m.maxSeqLength(),
          m.passageOverlapTokens());
      out.printf(
          Locale.ROOT,
          "size           %.1f MB in %d segment(s)%n",
          stats.sizeBytes() / 1e6,
          stats.segments());
    }
    out.flush();
    return 0;
  }
}
