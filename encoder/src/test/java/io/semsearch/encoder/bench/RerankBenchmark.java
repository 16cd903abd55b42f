package io.semsearch.encoder.bench;

import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What reranking costs: pairs per second of the cross-encoder in bulk, and the time one search's
 * rerank call takes at several depths (one caller, interactive), beside the time the default model
 * takes to embed the query (the dense first stage's main cost) in the same run. Not a test: run it
 * with {@code scripts/bench-rerank.sh}.
 *
 * <p>Also embeds the same passages with the default model in bulk, for the ratio of the two
 * throughputs measured under the same load.
 *
 * <p>The cross-encoder has the shape of cross-encoder/ms-marco-MiniLM-L-6-v2 (6 layers x 384, 12
 * heads, intermediate 1536, the MiniLM WordPiece vocabulary) with random weights: no trained
 * cross-encoder is available offline, and speed does not depend on the weights' values. Passages
 * are three varied sentences each (about 60 words, 75-85 tokens with the query), queries one short
 * sentence.
 *
 * <p>Arguments: {@code [bulkPairs=512] [depths=20,50] [searches=40] [rounds=3] [precision=fp32]}:
 * {@code int8} runs the cross-encoder as {@code --precision int8} does (the bi-encoder stays fp32).
 */
public final class RerankBenchmark {

  private RerankBenchmark() {}

  public static void main(String[] args) throws Exception {
    int bulkPairs = args.length > 0 ? Integer.parseInt(args[0]) : 512;
    int[] depths =
        Arrays.stream((args.length > 1 ? args[1] : "20,50").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int searches = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Precision precision = Precision.parse(args.length > 4 ? args[4] : "fp32");

    Path folder =
        RandomCrossEncoderFolder.write(
            RandomModelFolder.builder()
                .optLayers(6)
                .optHidden(384)
                .optHeads(12)
                .optIntermediate(1536),
            RandomCrossEncoderFolder.Head.standard(),
            Files.createTempDirectory("semsearch-rerank-bench-"));
    List<String> sentences = FidelitySentences.varied(3 * bulkPairs + 200, 42);
    List<String> passages = new ArrayList<>();
    for (int i = 0; i + 2 < 3 * bulkPairs; i += 3) {
      passages.add(sentences.get(i) + " " + sentences.get(i + 1) + " " + sentences.get(i + 2));
    }
    List<String> queries = FidelitySentences.shortSentences(searches, 7);
    EncoderOptions cpu = EncoderOptions.defaults().withDevice(DeviceSpec.CPU);
    System.out.printf(
        Locale.ROOT,
        "cross-encoder: random weights, ms-marco-MiniLM-L-6-v2 shape; %d passages of %.0f words on"
            + " average; CPU defaults (%d cores)%n",
        passages.size(),
        passages.stream().mapToInt(p -> p.split("\\s+").length).average().orElse(0),
        Runtime.getRuntime().availableProcessors());
    System.out.println("cross-encoder precision: " + precision.id());
    try (CrossEncoder reranker =
            SentenceEncoders.openCrossEncoder(folder.toString(), cpu.withPrecision(precision));
        SentenceEncoder encoder = TestModels.defaultEncoder()) {
      // warm-up
      reranker.score(queries.get(0), passages.subList(0, 64));
      for (String q : queries.subList(0, 5)) {
        encoder.encodeQuery(q);
      }
      double best = 0;
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        reranker.score(queries.get(r % queries.size()), passages);
        double seconds = (System.nanoTime() - start) / 1e9;
        best = Math.max(best, passages.size() / seconds);
        System.out.printf(
            Locale.ROOT, "bulk round %d: %.1f pairs/s%n", r + 1, passages.size() / seconds);
      }
      System.out.printf(Locale.ROOT, "bulk: %.1f pairs/s (best of %d)%n", best, rounds);
      double embedBest = 0;
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        encoder.encodeDocuments(passages);
        embedBest = Math.max(embedBest, passages.size() / ((System.nanoTime() - start) / 1e9));
      }
      System.out.printf(
          Locale.ROOT,
          "bi-encoder bulk on the same passages (default model): %.1f passages/s (best of %d);"
              + " cross-encoder pairs/s / passages/s = %.2f%n",
          embedBest,
          rounds,
          best / embedBest);

      double[] embed = new double[searches];
      for (int i = 0; i < searches; i++) {
        long start = System.nanoTime();
        encoder.encodeQuery(queries.get(i));
        embed[i] = (System.nanoTime() - start) / 1e6;
      }
      System.out.printf(
          Locale.ROOT,
          "query embedding (default model, the dense first stage's main cost): p50 %.1f ms, p90"
              + " %.1f ms%n",
          percentile(embed, 50),
          percentile(embed, 90));
      for (int depth : depths) {
        double[] millis = new double[searches];
        for (int i = 0; i < searches; i++) {
          int from = (i * depth) % (passages.size() - depth);
          List<String> top = passages.subList(from, from + depth);
          long start = System.nanoTime();
          reranker.score(queries.get(i), top, EncodeRequest.INTERACTIVE);
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf(
            Locale.ROOT,
            "rerank depth %d: p50 %.1f ms, p90 %.1f ms added per search (%.1f x the query"
                + " embedding's p50)%n",
            depth,
            percentile(millis, 50),
            percentile(millis, 90),
            percentile(millis, 50) / percentile(embed, 50));
      }
    }
  }

  private static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
