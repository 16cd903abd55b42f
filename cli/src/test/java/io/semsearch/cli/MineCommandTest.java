package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.testing.ScoreTies;
import io.semsearch.encoder.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mine} end to end against a brute-force computation with the same model. */
class MineCommandTest {

  private static final List<String> LINES =
      List.of(
          "How do I reset my password?",
          "",
          "Steps to recover a forgotten login.",
          "A recipe for tomato soup.",
          "The Roman Empire fell in the fifth century.",
          "Tomato soup, a simple recipe.",
          "Photosynthesis in plants.");

  @TempDir Path dir;

  @Test
  void exactPairsOfAFileAreTheBruteForcePairsWithLineNumbersAsIds() throws Exception {
    Path input = dir.resolve("sentences.txt");
    Files.write(input, LINES);
    Path output = dir.resolve("pairs.tsv");
    CliRun r =
        CliRun.of(
            "mine",
            "--input",
            input.toString(),
            "--output",
            output.toString(),
            "--with-text",
            "--model",
            TestModels.defaultModelFolder().toString(),
            "--device",
            "cpu");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("15 pairs from 6 vectors (exact)");

    // brute force: every pair of non-empty lines, by dot product of the normalized embeddings
    List<Integer> lineNumbers = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < LINES.size(); i++) {
      if (!LINES.get(i).isBlank()) {
        lineNumbers.add(i);
        texts.add(LINES.get(i));
      }
    }
    float[][] v = TestModels.defaultEncoder().encode(texts);
    Map<List<Integer>, Double> expected = new HashMap<>();
    for (int i = 0; i < v.length; i++) {
      for (int j = i + 1; j < v.length; j++) {
        double dot = 0;
        for (int d = 0; d < v[i].length; d++) {
          dot += v[i][d] * v[j][d];
        }
        expected.put(List.of(lineNumbers.get(i), lineNumbers.get(j)), dot);
      }
    }

    List<String> rows = Files.readAllLines(output);
    List<List<Integer>> ranked = new ArrayList<>();
    for (String row : rows) {
      String[] cols = row.split("\t");
      assertThat(cols).hasSize(5);
      List<Integer> pair = List.of(Integer.parseInt(cols[1]), Integer.parseInt(cols[2]));
      ranked.add(pair);
      assertThat(expected).containsKey(pair);
      assertThat(Double.parseDouble(cols[0]))
          .as("score of %s", pair)
          .isCloseTo(expected.get(pair), within(ScoreTies.SCORE_TOLERANCE));
      assertThat(cols[3]).isEqualTo(LINES.get(pair.get(0)));
    }
    // the CLI scores in float, the brute force in double: order is checked between near ties only
    ScoreTies.assertRankedLike(ranked, expected);
    // the two soup recipes, then the password paraphrases (lines 0 and 2: line 1 is blank)
    assertThat(rows.get(0)).contains("\t3\t5\t");

    // a threshold clearly between two pair scores, near 0.5
    double[] scores = expected.values().stream().mapToDouble(Double::doubleValue).toArray();
    ScoreTies.Cut cut =
        ScoreTies.clearCut(
            scores, (int) Arrays.stream(scores).filter(score -> score >= 0.5).count());
    CliRun limited =
        CliRun.of(
            "mine",
            "--input",
            input.toString(),
            "--threshold",
            Double.toString(cut.threshold()),
            "--approximate",
            "--model",
            TestModels.defaultModelFolder().toString(),
            "--device",
            "cpu");
    assertThat(limited.code()).as(limited.err()).isZero();
    assertThat(limited.out().lines().count()).isEqualTo(cut.above()).isPositive();
  }

  @Test
  void anIndexIsMinedByDocumentWithoutAModelAndBadInputFailsInOneLine() throws Exception {
    Path corpus = dir.resolve("docs.jsonl");
    Files.writeString(
        corpus,
        "{\"id\":\"pw\",\"text\":\"How do I reset my password?\"}\n"
            + "{\"id\":\"login\",\"text\":\"Steps to recover a forgotten login.\"}\n"
            + "{\"id\":\"soup\",\"text\":\"A recipe for tomato soup.\"}\n");
    Path index = dir.resolve("index");
    CliRun built =
        CliRun.of(
            "index",
            "--index",
            index.toString(),
            "--input",
            corpus.toString(),
            "--model",
            TestModels.defaultModelFolder().toString(),
            "--device",
            "cpu");
    assertThat(built.code()).as(built.err()).isZero();
    CliRun mined = CliRun.of("mine", "--index", index.toString(), "--max-pairs", "100");
    assertThat(mined.code()).as(mined.err()).isZero();
    List<String> rows = mined.out().lines().toList();
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).matches("0\\.\\d+\t(login\tpw|pw\tlogin)");

    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "\n\n");
    CliRun bad =
        CliRun.of(
            "mine",
            "--input",
            empty.toString(),
            "--model",
            TestModels.defaultModelFolder().toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err().strip())
        .isEqualTo("semsearch mine: " + empty + ": no sentences (the file is empty)");
    Path invalid = dir.resolve("invalid.txt");
    Files.write(invalid, new byte[] {'o', 'k', '\n', (byte) 0xC3, '(', '\n'});
    CliRun notUtf8 =
        CliRun.of(
            "mine",
            "--input",
            invalid.toString(),
            "--model",
            TestModels.defaultModelFolder().toString());
    assertThat(notUtf8.code()).isEqualTo(1);
    assertThat(notUtf8.err().strip())
        .isEqualTo("semsearch mine: " + invalid + ":2: not valid UTF-8");
    CliRun both = CliRun.of("mine", "--input", empty.toString(), "--index", index.toString());
    assertThat(both.code()).isEqualTo(2);
  }
}
