package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.WeightFiles;
import io.semsearch.encoder.train.LossKind;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingData;
import io.semsearch.encoder.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train's evaluation, model card, progress and resuming, through the command line. */
class TrainEvaluationAndResumeTest {

  @TempDir Path dir;

  private Path base;
  private Path pairs;

  @BeforeEach
  void files() throws Exception {
    base =
        RandomModelFolder.builder()
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .writeTo(dir.resolve("base"));
    StringBuilder tsv = new StringBuilder("anchor\tpositive\n");
    String[] words = {"apple", "river", "stone", "cloud", "green", "music", "table", "winter"};
    for (int i = 0; i < words.length; i++) {
      String other = words[(i * 3 + 1) % words.length];
      tsv.append(words[i]).append(' ').append(other).append('\t');
      tsv.append("the ").append(other).append(" and the ").append(words[i]).append('\n');
    }
    pairs = Files.writeString(dir.resolve("pairs.tsv"), tsv.toString());
  }

  private List<String> trainArgs(Path output, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--model",
                base.toString(),
                "--train",
                pairs.toString(),
                "--output",
                output.toString(),
                "--batch-size",
                "3",
                "--lr",
                "5e-3",
                "--max-steps",
                "5",
                "--threads",
                "1"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void evaluationsAppearInTheSummaryAndCardAndEqualWhatEvalStsAndEvalIrComputeOnTheOutput()
      throws Exception {
    Path sts =
        Files.writeString(
            dir.resolve("sts.tsv"),
            "sentence1\tsentence2\tscore\n"
                + "a red apple\tthe apple is red\t4.8\n"
                + "a cold river\ta green table\t0.4\n"
                + "music in winter\twinter music\t4.1\n"
                + "stone cloud\tthe cloud over the stone\t3.2\n"
                + "a table\tthe music\t1.0\n");
    Path queries =
        Files.writeString(
            dir.resolve("q.tsv"), "q1\tred apple\nq2\tcold river\nq3\twinter music\n");
    Path qrels = Files.writeString(dir.resolve("qrels.tsv"), "q1\td1\t1\nq2\td2\t1\nq3\td4\t1\n");
    Path corpus =
        Files.writeString(
            dir.resolve("corpus.jsonl"),
            "{\"id\":\"d1\",\"text\":\"the apple is red\"}\n"
                + "{\"id\":\"d2\",\"text\":\"a river in the cold\"}\n"
                + "{\"id\":\"d3\",\"text\":\"a stone table\"}\n"
                + "{\"id\":\"d4\",\"text\":\"songs of winter\"}\n"
                + "{\"id\":\"d5\",\"text\":\"green clouds\"}\n");
    Path out = dir.resolve("out");
    CliRun run =
        CliRun.of(
            trainArgs(
                    out,
                    "--checkpoint-every",
                    "2",
                    "--eval-sts",
                    sts.toString(),
                    "--eval-ir",
                    queries.toString(),
                    qrels.toString(),
                    corpus.toString(),
                    "--device",
                    "auto",
                    "--json")
                .toArray(String[]::new));
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("training on the CPU (the engine sees no GPU), 1 thread")
        .containsPattern("step 5/5 .* examples/s  ETA 0s")
        .contains("base model sts: pearson_cosine ");
    JsonNode summary = new ObjectMapper().readTree(run.out());
    List<String> points = new ArrayList<>();
    summary
        .get("evaluations")
        .forEach(e -> points.add(e.get("evaluator").asText() + "@" + e.get("step").asInt()));
    assertThat(points)
        .containsExactly("sts@0", "ir@0", "sts@2", "ir@2", "sts@4", "ir@4", "sts@5", "ir@5");
    assertThat(out.resolve("checkpoints")).as("removed once the model is written").doesNotExist();

    JsonNode finalSts = summary.get("evaluations").get(6).get("metrics");
    JsonNode finalIr = summary.get("evaluations").get(7).get("metrics");
    CliRun evalSts =
        CliRun.of("eval", "sts", "--model", out.toString(), "--input", sts.toString(), "--json");
    assertThat(evalSts.code()).as(evalSts.err()).isZero();
    assertSameMetrics(finalSts, new ObjectMapper().readTree(evalSts.out()), 10);

    Path index = dir.resolve("index");
    CliRun indexed =
        CliRun.of(
            "index",
            "--index",
            index.toString(),
            "--input",
            corpus.toString(),
            "--model",
            out.toString(),
            "--device",
            "cpu");
    assertThat(indexed.code()).as(indexed.err()).isZero();
    CliRun evalIr =
        CliRun.of(
            "eval",
            "ir",
            "--index",
            index.toString(),
            "--model",
            out.toString(),
            "--queries",
            queries.toString(),
            "--qrels",
            qrels.toString(),
            "--mode",
            "dense",
            "--json");
    assertThat(evalIr.code()).as(evalIr.err()).isZero();
    assertSameMetrics(finalIr, new ObjectMapper().readTree(evalIr.out()), 5);

    String card = Files.readString(out.resolve("README.md"));
    assertThat(card)
        .contains("library_name: sentence-transformers")
        .contains("- **Data:** pairs.tsv")
        .contains("`learning_rate`: 0.005")
        .contains("#### sts\n\n| Metric | base | step 2 | step 4 | final (step 5) |")
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "| spearman_cosine | %.4f | %.4f | %.4f | %.4f |",
                summary.get("evaluations").get(0).get("metrics").get("spearman_cosine").asDouble(),
                summary.get("evaluations").get(2).get("metrics").get("spearman_cosine").asDouble(),
                summary.get("evaluations").get(4).get("metrics").get("spearman_cosine").asDouble(),
                finalSts.get("spearman_cosine").asDouble()))
        .contains("#### ir")
        .contains("| mrr@10 |");
  }

  /** Every metric of {@code training} is in {@code command} with the same value. */
  private static void assertSameMetrics(JsonNode training, JsonNode command, int atLeast) {
    int compared = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = training.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      assertThat(command.has(e.getKey())).as(e.getKey() + " in " + command).isTrue();
      assertThat(e.getValue().asDouble())
          .as(e.getKey())
          .isCloseTo(command.get(e.getKey()).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
      compared++;
    }
    assertThat(compared).isGreaterThanOrEqualTo(atLeast);
  }

  @Test
  void aRunStoppedAfterACheckpointResumesWithResumeToTheModelOfAnUninterruptedRun()
      throws Exception {
    Path straight = dir.resolve("straight");
    CliRun full = CliRun.of(trainArgs(straight).toArray(String[]::new));
    assertThat(full.code()).as(full.err()).isZero();

    // a run killed after step 3 of 5 leaves OUTPUT/checkpoints/step-2 and nothing else
    Path killed = dir.resolve("killed");
    TrainingConfig config =
        TrainingConfig.defaults()
            .withRun(LossKind.MNRL, 1, 3, 5)
            .withOptimizer(5e-3, 0.1, 0, 1.0, 42);
    assertThatThrownBy(
            () ->
                SentenceEncoders.train(
                    base.toString(),
                    TrainingData.read(pairs, LossKind.MNRL),
                    config,
                    killed,
                    r -> {
                      if (r.step() == 3) {
                        throw new IllegalStateException("killed");
                      }
                    },
                    TrainingOptions.defaults()
                        .withExecution(1, io.semsearch.encoder.DeviceSpec.CPU)
                        .withCheckpoints(2, false)))
        .hasMessage("killed");
    assertThat(killed.resolve("checkpoints").resolve("step-2").resolve("state.json")).exists();

    CliRun again = CliRun.of(trainArgs(killed).toArray(String[]::new));
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err())
        .contains("exists and is not empty (it holds checkpoints: add --resume to continue)");

    CliRun otherSeed =
        CliRun.of(trainArgs(killed, "--resume", "--seed", "7").toArray(String[]::new));
    assertThat(otherSeed.code()).isNotZero();
    String[] lines = otherSeed.err().strip().split("\n");
    assertThat(lines[lines.length - 1])
        .startsWith("semsearch train: checkpoint ")
        .endsWith("was made by another run; differs: seed (checkpoint 42, now 7)");

    CliRun resumed = CliRun.of(trainArgs(killed, "--resume", "--json").toArray(String[]::new));
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("step 3/5").doesNotContain("step 2/5");
    assertThat(new ObjectMapper().readTree(resumed.out()).get("resumed_from").asInt()).isEqualTo(2);
    assertThat(
            WeightFiles.maxAbsDifference(
                Files.readAllBytes(killed.resolve("model.safetensors")),
                Files.readAllBytes(straight.resolve("model.safetensors"))))
        .as("the resumed model against the uninterrupted run's (equal up to float rounding)")
        .isLessThan(WeightFiles.ROUNDING);
    assertThat(Files.readString(killed.resolve("README.md")))
        .contains("(resumed from the checkpoint of step 2)");

    CliRun nothing = CliRun.of(trainArgs(dir.resolve("empty"), "--resume").toArray(String[]::new));
    assertThat(nothing.code()).isEqualTo(2);
    assertThat(nothing.err())
        .contains("--resume: no checkpoints in " + dir.resolve("empty").resolve("checkpoints"));
  }
}
