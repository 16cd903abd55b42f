package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.ScoreTies;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on the default model. */
class MainTest {

  private static final Path SAMPLE_STS = Path.of("../samples/sts/sts-sample.tsv");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String stdin, String... args) {
    InputStream saved = System.in;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
      return new Result(code, out.toString(), err.toString());
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void encodeWritesOneJsonLinePerInputLineInOrder() throws Exception {
    List<String> lines = List.of("A man is playing a guitar.", "", "The stock market crashed.");
    Result r = run(String.join("\n", lines) + "\n", "encode", "--tokens");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> outLines = r.out().lines().toList();
    assertThat(outLines).hasSize(3);
    try (SentenceEncoder encoder =
        SentenceEncoders.open((String) null, EncoderOptions.defaults())) {
      float[][] expected = encoder.encode(lines);
      for (int i = 0; i < lines.size(); i++) {
        JsonNode node = JSON.readTree(outLines.get(i));
        assertThat(node.get("embedding")).hasSize(384);
        for (int j = 0; j < 384; j++) {
          assertThat(node.get("embedding").get(j).floatValue())
              .isCloseTo(expected[i][j], within(1e-6f));
        }
      }
      assertThat(JSON.readTree(outLines.get(1)).get("tokens").asInt()).isEqualTo(2);
    }
  }

  @Test
  void encodePutsAPromptBeforeEachLineAndNamesAPromptTheModelLacks() throws Exception {
    List<String> lines = List.of("A man is playing a guitar.", "The stock market crashed.");
    Result r = run(String.join("\n", lines) + "\n", "encode", "--prompt", "query: ", "--tokens");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> outLines = r.out().lines().toList();
    try (SentenceEncoder encoder =
        SentenceEncoders.open((String) null, EncoderOptions.defaults())) {
      for (int i = 0; i < lines.size(); i++) {
        float[] expected = encoder.encode("query: " + lines.get(i));
        JsonNode node = JSON.readTree(outLines.get(i));
        for (int j = 0; j < 384; j++) {
          assertThat(node.get("embedding").get(j).floatValue())
              .isCloseTo(expected[j], within(1e-6f));
        }
        assertThat(node.get("tokens").asInt())
            .isEqualTo(encoder.countTokens("query: " + lines.get(i)));
      }
    }
    Result missing = run("x\n", "encode", "--prompt-name", "query");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip())
        .isEqualTo(
            "semsearch encode: --prompt-name: the model has no prompt named 'query' (it has no"
                + " prompts)");
    Result both = run("x\n", "encode", "--prompt-name", "query", "--prompt", "q");
    assertThat(both.code()).isEqualTo(1);
    assertThat(both.err()).contains("give --prompt or --prompt-name, not both");
  }

  @Test
  void evalStsJsonEqualsAnIndependentComputation() throws Exception {
    Result r = run("", "eval", "sts", "--input", SAMPLE_STS.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode metrics = JSON.readTree(r.out());
    assertThat(metrics.get("pairs").asInt()).isEqualTo(60);
    assertThat(metrics.fieldNames())
        .toIterable()
        .contains(
            "pearson_cosine",
            "spearman_cosine",
            "pearson_manhattan",
            "spearman_manhattan",
            "pearson_euclidean",
            "spearman_euclidean",
            "pearson_dot",
            "spearman_dot",
            "pearson_max",
            "spearman_max");

    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLE_STS).subList(1, 61)) {
      rows.add(line.split("\t"));
    }
    double[] gold = rows.stream().mapToDouble(row -> Double.parseDouble(row[2])).toArray();
    double[] cosine = new double[rows.size()];
    try (SentenceEncoder encoder =
        SentenceEncoders.open((String) null, EncoderOptions.defaults())) {
      for (int i = 0; i < rows.size(); i++) {
        float[] a = encoder.encode(rows.get(i)[0]);
        float[] b = encoder.encode(rows.get(i)[1]);
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
          dot += (double) a[j] * b[j];
          na += (double) a[j] * a[j];
          nb += (double) b[j] * b[j];
        }
        cosine[i] = dot / Math.sqrt(na * nb);
      }
    }
    // The CLI embeds in batches, this test one sentence at a time: cosines agree within 1e-5 and
    // near-tied ones may swap ranks, each swap moving Spearman by what it moves the reference.
    double spearman = pearson(ranks(gold), ranks(cosine));
    double slack = 1e-6;
    for (int[] tie : ScoreTies.nearTies(cosine)) {
      double[] swapped = cosine.clone();
      swapped[tie[0]] = cosine[tie[1]];
      swapped[tie[1]] = cosine[tie[0]];
      slack += Math.abs(pearson(ranks(gold), ranks(swapped)) - spearman);
    }
    assertThat(metrics.get("pearson_cosine").asDouble())
        .isCloseTo(pearson(gold, cosine), within(ScoreTies.SCORE_TOLERANCE));
    assertThat(metrics.get("spearman_cosine").asDouble()).isCloseTo(spearman, within(slack));
    // The model is good: similar pairs were scored high by hand.
    assertThat(metrics.get("spearman_cosine").asDouble()).isGreaterThan(0.8);
  }

  @Test
  void badInputGivesOneLineErrorAndNonZeroExit() throws Exception {
    Result missing = run("", "eval", "sts", "--input", dir.resolve("nope.tsv").toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip())
        .isEqualTo("semsearch eval sts: " + dir.resolve("nope.tsv") + ": no such file");

    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "a\tb\t1\nc\td\thigh\n");
    Result malformed = run("", "eval", "sts", "--input", bad.toString());
    assertThat(malformed.code()).isEqualTo(1);
    assertThat(malformed.err().strip())
        .startsWith("semsearch eval sts: " + bad + ":2:")
        .doesNotContain("\n");

    Result badModel = run("x\n", "encode", "--model", dir.resolve("no-model").toString());
    assertThat(badModel.code()).isEqualTo(1);
    assertThat(badModel.err())
        .contains("no-model")
        .contains("neither a folder nor a Hugging Face repo id");

    Result badOption = run("", "encode", "--device", "tpu");
    assertThat(badOption.code()).isEqualTo(1);
    assertThat(badOption.err()).contains("device must be auto, cpu, gpu or gpu:N, got: tpu");
  }

  /** Pearson correlation, two-pass, in double. */
  private static double pearson(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** Ranks from 1, ties get the average of their ranks (quadratic, fine for 60 values). */
  private static double[] ranks(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int less = 0;
      int equal = 0;
      for (double w : v) {
        less += w < v[i] ? 1 : 0;
        equal += w == v[i] ? 1 : 0;
      }
      r[i] = less + (equal + 1) / 2.0;
    }
    return r;
  }
}
