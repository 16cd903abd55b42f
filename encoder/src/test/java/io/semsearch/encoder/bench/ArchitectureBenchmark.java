package io.semsearch.encoder.bench;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Texts per second of each architecture at one shape (all-MiniLM-L6-v2's: 6 layers, hidden 384, 12
 * heads, FFN 1536, max_seq_length 256), random weights, fp32 on libtorch, the same texts and the
 * same token ids (every folder gets BERT's WordPiece tokenizer.json), so the differences are the
 * architectures' own: RoBERTa's position offset (expected free) and MPNet's relative attention
 * bias. Not a test: run it with {@code scripts/bench-architectures.sh}.
 *
 * <p>Arguments: {@code [shortTexts=1000] [longTexts=50] [rounds=5] [batchSize=32]}; the rounds
 * interleave the four models, and each model's best round counts.
 */
public final class ArchitectureBenchmark {

  private static final List<String> TYPES = List.of("bert", "roberta", "xlm-roberta", "mpnet");

  private ArchitectureBenchmark() {}

  public static void main(String[] args) throws Exception {
    int shortCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int longCount = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    List<String> shortTexts = FidelitySentences.shortSentences(shortCount, 42);
    List<String> longTexts = new ArrayList<>();
    for (int i = 0; i < longCount; i++) {
      longTexts.add(FidelitySentences.longText(180, i));
    }
    Path root = Files.createTempDirectory("bench-architectures");
    EncoderOptions options =
        EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu")).withBatchSize(batch);
    System.out.printf(
        Locale.ROOT,
        "%d short texts, %d long texts (256 tokens after truncation), batch %d, best of %d%n",
        shortCount,
        longCount,
        batch,
        rounds);
    System.out.println(
        "| model_type | short texts/s | ratio to bert | long texts/s | ratio to bert |");
    List<SentenceEncoder> encoders = new ArrayList<>();
    try {
      for (String type : TYPES) {
        Path folder =
            RandomModelFolder.builder()
                .optArchitecture(type)
                .optLayers(6)
                .optHidden(384)
                .optHeads(12)
                .optIntermediate(1536)
                .optMaxSeqLength(256)
                .writeTo(root.resolve(type));
        if (!type.equals("bert")) {
          Files.copy(
              root.resolve("bert/tokenizer.json"),
              folder.resolve("tokenizer.json"),
              StandardCopyOption.REPLACE_EXISTING);
        }
        SentenceEncoder encoder = SentenceEncoders.open(folder, type, options);
        encoders.add(encoder);
        encoder.encode(shortTexts.subList(0, Math.min(256, shortCount)));
      }
      // rounds interleave the architectures, so that a change in the machine's load falls on all
      double[][] best = new double[TYPES.size()][2];
      for (int r = 0; r < rounds; r++) {
        for (int m = 0; m < TYPES.size(); m++) {
          best[m][0] = Math.max(best[m][0], rate(encoders.get(m), shortTexts));
          best[m][1] = Math.max(best[m][1], rate(encoders.get(m), longTexts));
        }
      }
      for (int m = 0; m < TYPES.size(); m++) {
        System.out.printf(
            Locale.ROOT,
            "| %s | %.1f | %.2f | %.1f | %.2f |%n",
            TYPES.get(m),
            best[m][0],
            best[m][0] / best[0][0],
            best[m][1],
            best[m][1] / best[0][1]);
      }
    } finally {
      for (SentenceEncoder encoder : encoders) {
        encoder.close();
      }
    }
  }

  private static double rate(SentenceEncoder encoder, List<String> texts) {
    long start = System.nanoTime();
    encoder.encode(texts);
    return texts.size() / ((System.nanoTime() - start) / 1e9);
  }
}
