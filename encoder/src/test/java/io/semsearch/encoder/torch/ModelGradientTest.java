package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder.DenseSpec;
import io.semsearch.encoder.torch.TrainableSentenceModel.Parameter;
import io.semsearch.encoder.torch.train.MultipleNegativesRankingLoss;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradients of a whole tiny model (2 layers, hidden 8, a Dense layer, Normalize) through the
 * training forward pass and MNRL, against central finite differences of the loss.
 *
 * <p>The model runs in float32, so a difference quotient with step {@code h} carries a rounding
 * error of about {@code 1e-7 * |loss| / h}; with {@code h = 1e-3} that is ~1e-4, while the
 * truncation error ({@code h^2} times third derivatives) is smaller still. Each parameter is
 * checked at its largest-gradient element, where the gradient is well above that noise, within 2%
 * relative plus 3e-4 absolute.
 */
class ModelGradientTest {

  @TempDir Path dir;

  private static final List<long[]> SEQUENCES =
      List.of(
          new long[] {101, 11, 12, 13, 102},
          new long[] {101, 21, 22, 102},
          new long[] {101, 31, 32, 33, 34, 35, 102},
          new long[] {101, 13, 12, 11, 102},
          new long[] {101, 22, 21, 23, 102},
          new long[] {101, 35, 34, 102});

  @Test
  void gradientsOfChosenWeightsMatchCentralDifferences() throws Exception {
    Path folder =
        RandomModelFolder.builder()
            .optHidden(8)
            .optHeads(2)
            .optIntermediate(16)
            .optVocabSize(128)
            .optMaxPositions(16)
            .optWeightScale(0.5)
            .optLayerNormJitter(0.3)
            .optDense(new DenseSpec(8, 6, true, "Tanh"))
            .writeTo(dir.resolve("m"));
    List<String> checked =
        List.of(
            "embeddings.word_embeddings.weight",
            "embeddings.position_embeddings.weight",
            "embeddings.token_type_embeddings.weight",
            "embeddings.LayerNorm.weight",
            "encoder.layer.0.attention.self.query.weight",
            "encoder.layer.0.attention.self.key.weight",
            "encoder.layer.1.attention.self.value.bias",
            "encoder.layer.0.attention.output.dense.weight",
            "encoder.layer.1.intermediate.dense.weight",
            "encoder.layer.1.output.LayerNorm.bias",
            "2_Dense/linear.weight",
            "2_Dense/linear.bias");
    try (TrainableSentenceModel model =
            TrainableSentenceModel.load(ModelFolder.read(folder, "tiny"));
        NDManager scope = model.newScope()) {
      try (GradientCollector collector = scope.getEngine().newGradientCollector()) {
        collector.backward(loss(model, scope));
      }
      double h = 1e-3;
      for (String name : checked) {
        Parameter p =
            model.parameters().stream().filter(x -> x.name().equals(name)).findFirst().get();
        float[] gradient = p.gradient(scope).toFloatArray();
        int at = 0;
        for (int i = 1; i < gradient.length; i++) {
          at = Math.abs(gradient[i]) > Math.abs(gradient[at]) ? i : at;
        }
        long[] shape = p.value().getShape().getShape();
        NDIndex index =
            shape.length == 1 ? new NDIndex(at) : new NDIndex(at / shape[1], at % shape[1]);
        NDArray data = p.data(scope);
        float saved = p.value().toFloatArray()[at];
        data.set(index, saved + h);
        double up = lossValue(model);
        data.set(index, saved - h);
        double down = lossValue(model);
        data.set(index, saved);
        double numeric = (up - down) / (2 * h);
        assertThat(Math.abs(numeric))
            .as("%s: a gradient well above the noise", name)
            .isGreaterThan(1e-2);
        assertThat((double) gradient[at])
            .as("d loss / d %s[%d]", name, at)
            .isCloseTo(
                numeric, org.assertj.core.data.Offset.offset(3e-4 + 0.02 * Math.abs(numeric)));
      }
    }
  }

  private static NDArray loss(TrainableSentenceModel model, NDManager scope) {
    NDArray embeddings = model.embed(SEQUENCES, scope);
    return MultipleNegativesRankingLoss.compute(embeddings.get("0:3"), embeddings.get("3:6"), 20);
  }

  private static double lossValue(TrainableSentenceModel model) {
    try (NDManager scope = model.newScope()) {
      return loss(model, scope).getFloat();
    }
  }
}
