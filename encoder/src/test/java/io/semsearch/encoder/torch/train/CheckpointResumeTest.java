package io.semsearch.encoder.torch.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder.DenseSpec;
import io.semsearch.encoder.testing.WeightFiles;
import io.semsearch.encoder.torch.TrainableSentenceModel;
import io.semsearch.encoder.torch.train.Trainer.Checkpointing;
import io.semsearch.encoder.train.LossKind;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingData;
import io.semsearch.encoder.train.TrainingExample;
import io.semsearch.encoder.train.TrainingListener;
import io.semsearch.encoder.train.TrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointResumeTest {

  @TempDir Path dir;

  private static final String[] WORDS = {
    "apple", "river", "stone", "cloud", "green", "music", "table", "winter", "horse", "paper",
    "light", "ocean", "bread", "tower", "garden", "silver", "north", "plain"
  };

  /** Thrown by a listener to stop a run as a kill would, after a given step. */
  private static final class Killed extends RuntimeException {
    Killed(int step) {
      super("killed after step " + step);
    }
  }

  private ModelSpec tinyModel() throws Exception {
    Path folder = dir.resolve("base");
    if (!Files.exists(folder)) {
      RandomModelFolder.builder()
          .optHidden(16)
          .optHeads(2)
          .optIntermediate(32)
          .optMaxPositions(32)
          .optMaxSeqLength(32)
          .optDense(new DenseSpec(16, 8, true, "Tanh"))
          .writeTo(folder);
    }
    return ModelFolder.read(folder, "base");
  }

  /** 18 pairs: batches of 4 make epochs of 5 steps, the last one of 2 examples. */
  private static TrainingData pairs() {
    List<TrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < WORDS.length; i++) {
      String a = WORDS[i];
      String b = WORDS[(i * 7 + 3) % WORDS.length];
      examples.add(new TrainingExample(a + " " + b, b + " " + a + " " + a, null, null));
    }
    return new TrainingData(examples, 0, List.of(), false);
  }

  private static TrainingConfig config(double lr) {
    // weight decay on, so that a decayed-but-not-restored weight would show
    return TrainingConfig.defaults()
        .withRun(LossKind.MNRL, 1, 4, 12)
        .withOptimizer(lr, 0.25, 0.01, 0.5, 5);
  }

  private byte[] train(
      String name, TrainingConfig config, Checkpointing checkpointing, TrainingListener listener)
      throws Exception {
    try (TrainableSentenceModel model = TrainableSentenceModel.load(tinyModel())) {
      Trainer.train(model, pairs(), config, listener, 1, checkpointing, CheckpointEvaluation.NONE);
      model.save(dir.resolve(name));
    }
    return Files.readAllBytes(dir.resolve(name).resolve("model.safetensors"));
  }

  @ParameterizedTest(name = "checkpoint every {0}, killed after step {1}")
  @CsvSource({"3, 8", "5, 7", "1, 2"})
  void aKilledRunResumedFromItsLastCheckpointEndsWithTheWeightsOfAnUninterruptedRun(
      int every, int killedAfter) throws Exception {
    byte[] straight = train("straight", config(5e-3), Checkpointing.NONE, r -> {});

    CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
    TrainingListener killer =
        r -> {
          if (r.step() == killedAfter) {
            throw new Killed(r.step());
          }
        };
    assertThatThrownBy(
            () -> train("killed", config(5e-3), new Checkpointing(store, every, false), killer))
        .isInstanceOf(Killed.class);
    // the listener hears of a step before its checkpoint is written: the kill comes first
    int last = (killedAfter - 1) / every * every;
    assertThat(store.latest()).get().isEqualTo(store.folder().resolve("step-" + last));

    List<Integer> resumedSteps = new ArrayList<>();
    TrainingSummary[] summary = new TrainingSummary[1];
    try (TrainableSentenceModel model = TrainableSentenceModel.load(tinyModel())) {
      summary[0] =
          Trainer.train(
              model,
              pairs(),
              config(5e-3),
              r -> resumedSteps.add(r.step()),
              1,
              new Checkpointing(store, every, true),
              CheckpointEvaluation.NONE);
      model.save(dir.resolve("resumed"));
    }
    byte[] resumed = Files.readAllBytes(dir.resolve("resumed").resolve("model.safetensors"));
    assertThat(resumedSteps).first().isEqualTo(last + 1);
    assertThat(summary[0].resumedFrom()).isEqualTo(last);
    assertThat(summary[0].steps()).isEqualTo(12);
    assertThat(summary[0].examples())
        .as("examples seen over both sessions")
        .isEqualTo(12 * 4 - 2 * 2);
    // equal up to float rounding: bit for bit in most runs on one thread, but full-suite runs
    // have shown rounding-sized differences (see WeightFiles.ROUNDING)
    assertThat(WeightFiles.maxAbsDifference(resumed, straight))
        .as("largest difference of the resumed model from the uninterrupted run's")
        .isLessThan(WeightFiles.ROUNDING);
  }

  @Test
  void onlyTheNewestTwoCheckpointsAreKeptAndAPartialOneIsIgnored() throws Exception {
    CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
    train("m", config(1e-3), new Checkpointing(store, 2, false), r -> {});
    Files.createDirectories(store.folder().resolve(".step-12.partial"));
    try (Stream<Path> entries = Files.list(store.folder())) {
      assertThat(entries.map(p -> p.getFileName().toString()).sorted())
          .containsExactly(".step-12.partial", "step-10", "step-8");
    }
    assertThat(store.latest()).get().isEqualTo(store.folder().resolve("step-10"));
  }

  @Test
  void resumingIsRefusedWithoutACheckpointOrWithOneOfAnotherRunNamingWhatDiffers()
      throws Exception {
    CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"));
    assertThatThrownBy(() -> train("x", config(1e-3), new Checkpointing(store, 0, true), r -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no checkpoint to resume from in " + store.folder());

    train("m", config(1e-3), new Checkpointing(store, 4, false), r -> {});
    assertThatThrownBy(() -> train("y", config(2e-3), new Checkpointing(store, 4, true), r -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "checkpoint "
                + store.folder().resolve("step-8")
                + " was made by another run; differs: learning rate (checkpoint 0.001, now"
                + " 0.002)");

    TrainingData fewer = new TrainingData(pairs().examples().subList(0, 17), 0, List.of(), false);
    try (TrainableSentenceModel model = TrainableSentenceModel.load(tinyModel())) {
      assertThatThrownBy(
              () ->
                  Trainer.train(
                      model,
                      fewer,
                      config(1e-3),
                      r -> {},
                      1,
                      new Checkpointing(store, 4, true),
                      CheckpointEvaluation.NONE))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("differs: training data (checkpoint 18 examples, sha256 ")
          .hasMessageContaining(", now 17 examples, sha256 ");
    }
  }
}
