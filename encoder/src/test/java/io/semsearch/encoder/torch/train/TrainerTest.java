package io.semsearch.encoder.torch.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder.DenseSpec;
import io.semsearch.encoder.testing.WeightFiles;
import io.semsearch.encoder.torch.TrainableSentenceModel;
import io.semsearch.encoder.train.LossKind;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingData;
import io.semsearch.encoder.train.TrainingExample;
import io.semsearch.encoder.train.TrainingListener.StepReport;
import io.semsearch.encoder.train.TrainingSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

  @TempDir Path dir;

  private static final String[] WORDS = {
    "apple", "river", "stone", "cloud", "green", "music", "table", "winter",
    "horse", "paper", "light", "ocean", "bread", "tower", "garden", "silver"
  };

  /** A tiny random model: 2 layers, hidden 16, Dense 16 -> 8, Normalize. */
  private Path tinyModel(String name) throws Exception {
    return RandomModelFolder.builder()
        .optHidden(16)
        .optHeads(2)
        .optIntermediate(32)
        .optMaxPositions(32)
        .optMaxSeqLength(32)
        .optDense(new DenseSpec(16, 8, true, "Tanh"))
        .writeTo(dir.resolve(name));
  }

  /**
   * Toy pairs: the anchor is two words, its positive the same two words reversed with a third word
   * they share, so each anchor has one positive that overlaps it and none other does.
   */
  private static TrainingData toyPairs() {
    List<TrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < WORDS.length; i++) {
      String a = WORDS[i];
      String b = WORDS[(i * 7 + 3) % WORDS.length];
      examples.add(new TrainingExample(a + " " + b, b + " " + a + " " + a, null, null));
    }
    return new TrainingData(examples, 0, List.of(), false);
  }

  private static TrainingConfig config(int steps, double lr, long seed) {
    return TrainingConfig.defaults()
        .withRun(LossKind.MNRL, 1, 4, steps)
        .withOptimizer(lr, 0.1, 0.01, 1.0, seed);
  }

  /** MNRL over the whole toy set as one batch: the quantity training should lower. */
  private static double fullLoss(TrainableSentenceModel model, TrainingData data) {
    try (NDManager scope = model.newScope()) {
      List<long[]> sequences = new ArrayList<>();
      data.examples().forEach(e -> sequences.add(model.tokenize(e.anchor())));
      data.examples().forEach(e -> sequences.add(model.tokenize(e.positive())));
      NDArray embeddings = model.embed(sequences, scope);
      int n = data.examples().size();
      return MultipleNegativesRankingLoss.compute(
              embeddings.get("0:" + n), embeddings.get(n + ":"), 20)
          .getFloat();
    }
  }

  @Test
  void mnrlTrainingLowersTheLossOnAToyTask() throws Exception {
    ModelSpec spec = ModelFolder.read(tinyModel("m"), "m");
    TrainingData data = toyPairs();
    List<StepReport> reports = new ArrayList<>();
    try (TrainableSentenceModel model = TrainableSentenceModel.load(spec)) {
      double before = fullLoss(model, data);
      TrainingSummary summary = Trainer.train(model, data, config(40, 3e-3, 42), reports::add);
      double after = fullLoss(model, data);
      // 16 candidates: a model that can't tell them apart scores about log(16) = 2.77
      assertThat(before).isGreaterThan(1.5);
      assertThat(after).as("loss over the whole set, before %.3f", before).isLessThan(before / 2);
      assertThat(summary.steps()).isEqualTo(40);
      assertThat(summary.examples()).isEqualTo(160);
      assertThat(summary.firstLoss()).isEqualTo(reports.get(0).loss());
      assertThat(summary.lastLoss()).isEqualTo(reports.get(39).loss());
    }
    // 40 steps, warmup ceil(4) = 4: rates 0, lr/4, lr/2, 3lr/4, lr, then down to lr/36
    assertThat(reports.get(0).learningRate()).isZero();
    assertThat(reports.get(4).learningRate()).isEqualTo(3e-3);
    assertThat(reports.get(39).learningRate()).isCloseTo(3e-3 / 36, within(1e-12));
    assertThat(reports.get(39).epoch()).isEqualTo(10);
  }

  @Test
  void theSameSeedGivesTheSameWeightsAndAnotherSeedOtherWeights() throws Exception {
    ModelSpec spec = ModelFolder.read(tinyModel("m"), "m");
    byte[] first = trainAndSave(spec, 7, "a");
    byte[] again = trainAndSave(spec, 7, "b");
    byte[] other = trainAndSave(spec, 8, "c");
    // equal up to float rounding (bit for bit in most runs on one thread; see WeightFiles.ROUNDING)
    assertThat(WeightFiles.maxAbsDifference(again, first)).isLessThan(WeightFiles.ROUNDING);
    assertThat(WeightFiles.maxAbsDifference(other, first)).isGreaterThan(10 * WeightFiles.ROUNDING);
  }

  private byte[] trainAndSave(ModelSpec spec, long seed, String name) throws Exception {
    try (TrainableSentenceModel model = TrainableSentenceModel.load(spec)) {
      // one libtorch thread: with several, parallel sums may add in another order each run
      Trainer.train(model, toyPairs(), config(6, 1e-3, seed), r -> {}, 1);
      model.save(dir.resolve(name));
    }
    return Files.readAllBytes(dir.resolve(name).resolve("model.safetensors"));
  }

  @Test
  void mseTrainingMovesEmbeddingsTowardTheirTargetsAndTheOutputLoads() throws Exception {
    Path base = tinyModel("m");
    List<TrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      float[] target = new float[8];
      target[i] = 1f; // a different unit vector per sentence
      examples.add(new TrainingExample(WORDS[i] + " " + WORDS[i + 8], null, null, target));
    }
    TrainingData data = new TrainingData(examples, 0, List.of(), false);
    TrainingConfig config =
        TrainingConfig.defaults().withRun(LossKind.MSE, 1, 8, 30).withOptimizer(1e-2, 0, 0, 1.0, 1);
    List<StepReport> reports = new ArrayList<>();
    Path output = dir.resolve("trained");
    TrainingSummary summary =
        SentenceEncoders.train(base.toString(), data, config, output, reports::add);
    assertThat(summary.lastLoss()).isLessThan(summary.firstLoss() / 2);

    try (SentenceEncoder encoder =
        SentenceEncoders.open(output, "trained", EncoderOptions.defaults())) {
      float[][] vectors = encoder.encode(List.of(examples.get(2).anchor(), "unseen words"));
      assertThat(vectors[0]).hasSize(8);
      int best = 0;
      for (int d = 1; d < 8; d++) {
        best = vectors[0][d] > vectors[0][best] ? d : best;
      }
      assertThat(best).as("largest dimension of sentence 2's embedding").isEqualTo(2);
    }
  }

  @Test
  void mseTargetsOfAnotherWidthThanTheModelAreRefused() throws Exception {
    ModelSpec spec = ModelFolder.read(tinyModel("m"), "m");
    TrainingData data =
        new TrainingData(
            List.of(new TrainingExample("a b", null, null, new float[3])), 0, List.of(), false);
    try (TrainableSentenceModel model = TrainableSentenceModel.load(spec)) {
      assertThatThrownBy(
              () ->
                  Trainer.train(
                      model,
                      data,
                      TrainingConfig.defaults().withRun(LossKind.MSE, 1, 1, 1),
                      r -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("targets have 3 values but the model's embeddings have 8");
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double tolerance) {
    return org.assertj.core.data.Offset.offset(tolerance);
  }
}
