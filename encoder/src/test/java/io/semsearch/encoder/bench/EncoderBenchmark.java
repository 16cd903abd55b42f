package io.semsearch.encoder.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.builtin.BgeSmallModel;
import io.semsearch.encoder.builtin.DefaultModel;
import io.semsearch.encoder.builtin.TinyModel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.ort.LinearKernel;
import io.semsearch.encoder.testing.Cosines;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Sentences per second of semsearch's encoder against ONNX Runtime (langchain4j) on the same
 * sentences in the same JVM. Not a test: run it with {@code scripts/bench-encoder.sh}.
 *
 * <p>Arguments: {@code [sentences=2000] [batchSizes=1,8,32,128] [threadSplits=2x1,1x2] [rounds=3]
 * [models=minilm,bert-tiny] [engines=torch]}: {@code tiny} is the built-in tiny model, {@code
 * bge-small} the built-in bge-small, {@code bert-tiny} a random model of the same shape. A thread
 * split {@code WxT} is W workers of T intra-op threads each. Engines: {@code torch} (fp32 on
 * libtorch), {@code int8} (what {@code --precision int8} runs: ONNX Runtime's
 * DynamicQuantizeMatMul), {@code int8-mmi} (the same arithmetic from standard ops:
 * DynamicQuantizeLinear + MatMulInteger), {@code ort-fp32} (the generated graph with float32
 * MatMul). Every engine but torch also prints its embeddings' cosine to torch's on the same
 * sentences (torch runs first, at each batch size and split); ONNX Runtime int8 (langchain4j's
 * quantized all-MiniLM-L6-v2) is printed beside the fp32 peer, with its cosine to torch's
 * default-model vectors.
 */
public final class EncoderBenchmark {

  private EncoderBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    String[] batchSizes = (args.length > 1 ? args[1] : "1,8,32,128").split(",");
    String[] splits = (args.length > 2 ? args[2] : "2x1,1x2").split(",");
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    List<String> models = List.of((args.length > 4 ? args[4] : "minilm,bert-tiny").split(","));
    List<String> engines = List.of((args.length > 5 ? args[5] : "torch").split(","));
    List<String> sentences = FidelitySentences.shortSentences(count, 42);
    System.out.printf(
        Locale.ROOT,
        "%d sentences, ~%d words each, %d cores, best of %d rounds%n",
        count,
        sentences.get(0).split(" ").length,
        Runtime.getRuntime().availableProcessors(),
        rounds);

    double ceiling =
        MatmulCeiling.measure(Runtime.getRuntime().availableProcessors(), 384, 1536, 1024, 2.0);
    System.out.printf(
        Locale.ROOT,
        "libtorch fp32 matmul ceiling ([1024,384]x[384,1536], one single-threaded worker per core):"
            + " %.1f GFLOP/s%n",
        ceiling);

    AllMiniLmL6V2EmbeddingModel ort = new AllMiniLmL6V2EmbeddingModel();
    List<TextSegment> segments = sentences.stream().map(TextSegment::from).toList();
    ort.embedAll(segments.subList(0, Math.min(64, count)));
    double ortRate = best(rounds, () -> ort.embedAll(segments), count);
    System.out.printf(
        Locale.ROOT,
        "| all-MiniLM-L6-v2 | ONNX Runtime (langchain4j embedAll) | - | - | %.1f | 1.00 |%n",
        ortRate);

    AllMiniLmL6V2QuantizedEmbeddingModel ortInt8 = new AllMiniLmL6V2QuantizedEmbeddingModel();
    ortInt8.embedAll(segments.subList(0, Math.min(64, count)));
    double ortInt8Rate = best(rounds, () -> ortInt8.embedAll(segments), count);
    float[][] peerInt8 =
        ortInt8.embedAll(segments).content().stream().map(e -> e.vector()).toArray(float[][]::new);
    System.out.printf(
        Locale.ROOT,
        "| all-MiniLM-L6-v2 | ONNX Runtime int8 (langchain4j quantized embedAll) | - | - | %.1f |"
            + " %.2f |%n",
        ortInt8Rate,
        ortInt8Rate / ortRate);

    Path tiny = Files.createTempDirectory("bench-bert-tiny");
    RandomModelFolder.builder().writeTo(tiny);
    for (String model : models) {
      for (String split : splits) {
        String[] wt = split.split("x");
        for (String b : batchSizes) {
          EncoderOptions options =
              EncoderOptions.defaults()
                  .withDevice(DeviceSpec.parse("cpu"))
                  .withBatchSize(Integer.parseInt(b))
                  .withThreads(Integer.parseInt(wt[0]), Integer.parseInt(wt[1]))
                  .withMaxBatchWaitMicros(0);
          float[][] reference = null;
          for (String engine : engines) {
            try (SentenceEncoder encoder = open(model, engine, options, tiny)) {
              encoder.encode(sentences.subList(0, Math.min(256, count)));
              double rate = best(rounds, () -> encoder.encode(sentences), count);
              String flops = "";
              if (model.equals("minilm")) {
                double gflop = miniLmGflop(encoder, sentences);
                flops =
                    String.format(
                        Locale.ROOT,
                        " %.0f GFLOP/s (%.0f%% of fp32 ceiling) |",
                        gflop * rate / count,
                        100 * gflop * rate / count / ceiling);
              }
              float[][] vectors = encoder.encode(sentences);
              String quality = "";
              if (engine.equals("torch")) {
                reference = vectors;
              } else if (reference != null) {
                quality = " cosine to torch fp32 " + Cosines.of(reference, vectors) + " |";
              }
              System.out.printf(
                  Locale.ROOT,
                  "| %s | semsearch %s | %s | %s | %.1f | %.2f | %.2f |%s%s%n",
                  model,
                  engine,
                  split,
                  b,
                  rate,
                  rate / ortRate,
                  rate / ortInt8Rate,
                  flops,
                  quality);
              if (model.equals("minilm") && engine.equals("torch")) {
                System.out.printf(
                    Locale.ROOT,
                    "| minilm | langchain4j int8 cosine to semsearch torch fp32 (%s, batch %s): %s"
                        + " |%n",
                    split,
                    b,
                    Cosines.of(vectors, peerInt8));
              }
            }
          }
        }
      }
    }
  }

  private static SentenceEncoder open(
      String model, String engine, EncoderOptions options, Path randomTiny) throws Exception {
    ModelSpec spec =
        switch (model) {
          case "minilm" -> ModelFolder.read(TestModels.defaultModelFolder(), DefaultModel.ID);
          case "tiny" ->
              ModelFolder.read(
                  SentenceEncoders.builtinModels().stream()
                      .filter(m -> m.id().equals(TinyModel.ID))
                      .findFirst()
                      .orElseThrow()
                      .folder(),
                  TinyModel.ID);
          case "bge-small" ->
              ModelFolder.read(
                  BgeSmallModel.ensureImported(TestModels.cacheRoot()), BgeSmallModel.ID);
          default -> ModelFolder.read(randomTiny, "bert-tiny-random");
        };
    return switch (engine) {
      case "torch" -> SentenceEncoders.open(spec, options);
      case "int8" ->
          SentenceEncoders.onnxRuntime(spec, options, LinearKernel.DYNAMIC_QUANTIZE_MATMUL);
      case "int8-mmi" -> SentenceEncoders.onnxRuntime(spec, options, LinearKernel.MATMUL_INTEGER);
      case "ort-fp32" -> SentenceEncoders.onnxRuntime(spec, options, LinearKernel.FP32);
      default -> throw new IllegalArgumentException("unknown engine " + engine);
    };
  }

  /**
   * Matmul work of MiniLM (6 layers, hidden 384, FFN 1536) on these texts, in GFLOP: per layer and
   * sequence of L tokens, 2*L*384*(3*384 + 384 + 2*1536) for the projections plus 4*L*L*384 for
   * attention scores and context.
   */
  private static double miniLmGflop(SentenceEncoder encoder, List<String> texts) {
    double flop = 0;
    for (String t : texts) {
      double l = Math.min(encoder.countTokens(t), encoder.maxSeqLength());
      flop += 6 * (2 * l * 384 * (3 * 384 + 384 + 2 * 1536) + 4 * l * l * 384);
    }
    return flop / 1e9;
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
