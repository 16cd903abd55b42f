package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that {@code train} writes, and the built-in tiny model, read by a second implementation
 * of sentence-transformers' loading rules ({@code scripts/st_reference.py}: pure Python, from the
 * files alone) embed as semsearch embeds them.
 */
class TrainedFolderIsSentenceTransformersTest {

  private static final List<String> SENTENCES =
      List.of(
          "How do I compress a folder of photos?",
          "The café's naïve Übermensch paid 3.50€ (cash) -- twice!",
          "東京 is the capital; Ωmega-3 oils aren't e-mail.",
          "a",
          "Unbelievably, the antidisestablishmentarianism debate continued through the night, while"
              + " the committee drafted amendments, objections, counter-proposals and footnotes"
              + " that nobody would read before the vote.");

  @TempDir Path dir;

  @Test
  void aTrainedFolderEmbedsTheSameInAnIndependentReader() throws Exception {
    Path pairs =
        Files.writeString(
            dir.resolve("pairs.tsv"),
            "anchor\tpositive\n"
                + "a red apple\tthe apple is red\n"
                + "a fast car\tthe car is fast\n"
                + "a cold winter\tthe winter is cold\n"
                + "a tall tower\tthe tower is tall\n");
    Path out = dir.resolve("trained");
    CliRun run =
        CliRun.of(
            "train",
            "--init",
            "bert-tiny-dense",
            "--train",
            pairs.toString(),
            "--output",
            out.toString(),
            "--batch-size",
            "2",
            "--lr",
            "1e-2",
            "--warmup-ratio",
            "0",
            "--max-steps",
            "2");
    assertThat(run.code()).as(run.err()).isZero();

    assertReadsAlike(out);
  }

  @Test
  void theBuiltInTinyModelEmbedsTheSameInAnIndependentReader() throws Exception {
    Path tiny =
        SentenceEncoders.builtinModels().stream()
            .filter(m -> m.id().equals("tiny"))
            .findFirst()
            .orElseThrow()
            .folder();
    assertReadsAlike(tiny);
  }

  private static void assertReadsAlike(Path folder) throws Exception {
    float[][] ours;
    EncoderOptions cpu = EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
    try (SentenceEncoder encoder = SentenceEncoders.open(folder, "under-test", cpu)) {
      ours = encoder.encode(SENTENCES);
    }
    float[][] theirs = referenceVectors(folder);
    assertThat(theirs).hasDimensions(ours.length, ours[0].length);
    for (int i = 0; i < ours.length; i++) {
      for (int d = 0; d < ours[i].length; d++) {
        assertThat((double) theirs[i][d])
            .as("%s: sentence %d, dimension %d", folder, i, d)
            .isCloseTo(ours[i][d], within(1e-4));
      }
    }
    // Distinct texts differ by far more than the tolerance, so the agreement above is not agreement
    // on a near-constant vector (a freshly initialized model embeds every text much alike).
    double largestGap = 0;
    for (int d = 0; d < ours[0].length; d++) {
      largestGap = Math.max(largestGap, Math.abs(ours[0][d] - ours[3][d]));
    }
    assertThat(largestGap).isGreaterThan(1e-2);
  }

  private static float[][] referenceVectors(Path folder) throws IOException, InterruptedException {
    Path script = projectRoot().resolve("scripts/st_reference.py");
    Process process =
        new ProcessBuilder("python3", script.toString(), folder.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write((String.join("\n", SENTENCES) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("python3 finished").isTrue();
    assertThat(process.exitValue()).as("python3 %s exit status", script).isZero();
    ObjectMapper json = new ObjectMapper();
    List<float[]> vectors = new ArrayList<>();
    for (String line : output.strip().split("\n")) {
      vectors.add(json.readValue(line, float[].class));
    }
    return vectors.toArray(float[][]::new);
  }

  private static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("scripts/st_reference.py"))) {
        return p;
      }
    }
    throw new IllegalStateException("no scripts/st_reference.py above " + here);
  }
}
