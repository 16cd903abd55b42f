package io.semsearch.encoder.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.SentenceEncoders;
import io.semsearch.encoder.model.DefaultModel;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentences per second of semsearch's encoder against ONNX Runtime (langchain4j) on the same
 * sentences in the same JVM. Not a test: run it with {@code scripts/bench-encoder.sh}.
 *
 * <p>Arguments: {@code [sentences=2000] [batchSizes=1,8,32,128] [threadSplits=2x1,1x2] [rounds=3]}.
 * A thread split {@code WxT} is W workers of T intra-op threads each.
 */
public final class EncoderBenchmark {

  private EncoderBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    String[] batchSizes = (args.length > 1 ? args[1] : "1,8,32,128").split(",");
    String[] splits = (args.length > 2 ? args[2] : "2x1,1x2").split(",");
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    List<String> sentences = FidelitySentences.shortSentences(count, 42);
    System.out.printf(Locale.ROOT, "%d sentences, ~%d words each, %d cores, best of %d rounds%n", count,
        sentences.get(0).split(" ").length, Runtime.getRuntime().availableProcessors(), rounds);

    AllMiniLmL6V2EmbeddingModel ort = new AllMiniLmL6V2EmbeddingModel();
    List<TextSegment> segments = sentences.stream().map(TextSegment::from).toList();
    ort.embedAll(segments.subList(0, Math.min(64, count)));
    double ortRate = best(rounds, () -> ort.embedAll(segments), count);
    System.out.printf(Locale.ROOT, "| all-MiniLM-L6-v2 | ONNX Runtime (langchain4j embedAll) | - | - | %.1f | 1.00 |%n", ortRate);

    Path tiny = Files.createTempDirectory("bench-bert-tiny");
    RandomModelFolder.builder().writeTo(tiny);
    for (String model : List.of("minilm", "bert-tiny")) {
      for (String split : splits) {
        String[] wt = split.split("x");
        for (String b : batchSizes) {
          EncoderOptions options = EncoderOptions.defaults()
              .withDevice(DeviceSpec.parse("cpu"))
              .withBatchSize(Integer.parseInt(b))
              .withThreads(Integer.parseInt(wt[0]), Integer.parseInt(wt[1]))
              .withMaxBatchWaitMicros(0);
          try (SentenceEncoder encoder = model.equals("minilm")
              ? SentenceEncoders.open(TestModels.defaultModelFolder(), DefaultModel.ID, options)
              : SentenceEncoders.open(tiny, "bert-tiny-random", options)) {
            encoder.encode(sentences.subList(0, Math.min(256, count)));
            double rate = best(rounds, () -> encoder.encode(sentences), count);
            System.out.printf(Locale.ROOT, "| %s | semsearch DJL PyTorch | %s | %s | %.1f | %.2f |%n",
                model, split, b, rate, rate / ortRate);
          }
        }
      }
    }
  }

  private static double best(int rounds, Runnable work, int count) {
    double best = 0;
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      work.run();
      best = Math.max(best, count / ((System.nanoTime() - start) / 1e9));
    }
    return best;
  }
}
