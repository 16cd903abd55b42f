package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.testing.JavaBertReference.PoolingMode;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertSentenceModelTest {

  @TempDir Path dir;

  @Test
  void batchesFreeTheirNativeMemory() throws IOException {
    Path folder =
        RandomModelFolder.builder().optPooling(PoolingMode.values()).writeTo(dir.resolve("m"));
    ModelSpec spec = ModelFolder.read(folder, "m");
    try (BertSentenceModel model = new BertSentenceModel(spec, Device.cpu(), Precision.FP32)) {
      int loaded = model.managedArrayCount();
      assertThat(loaded).isGreaterThan(0);
      for (int round = 0; round < 20; round++) {
        List<long[]> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          long[] ids = new long[3 + (round + i) % 17];
          for (int j = 0; j < ids.length; j++) {
            ids[j] = 1000 + 37L * j + i;
          }
          batch.add(ids);
        }
        assertThat(model.embed(batch).length).isEqualTo(5);
      }
      assertThat(model.managedArrayCount())
          .as("arrays held by the model's manager after 20 batches")
          .isEqualTo(loaded);
    }
  }

  @Test
  void aSequenceGetsTheSameEmbeddingInAMixedLengthBatchAsAlone() throws IOException {
    // every pooling mode, so padding slots must stay out of max, cls, last-token and the means
    Path folder =
        RandomModelFolder.builder().optPooling(PoolingMode.values()).writeTo(dir.resolve("m"));
    ModelSpec spec = ModelFolder.read(folder, "m");
    try (BertSentenceModel model = new BertSentenceModel(spec, Device.cpu(), Precision.FP32)) {
      List<long[]> batch = new ArrayList<>();
      for (int length : new int[] {2, 17, 5, 17, 9, 3}) {
        long[] ids = new long[length];
        for (int j = 0; j < length; j++) {
          ids[j] = 100 + 31L * j + 7L * length;
        }
        batch.add(ids);
      }
      float[][] together = model.embed(batch);
      for (int i = 0; i < batch.size(); i++) {
        float[] alone = model.embed(List.of(batch.get(i)))[0];
        for (int d = 0; d < alone.length; d++) {
          assertThat(together[i][d])
              .as("sequence %d, dimension %d", i, d)
              .isCloseTo(alone[d], org.assertj.core.data.Offset.offset(1e-5f));
        }
      }
    }
  }

  @Test
  void sequencesWithAndWithoutAPromptLeftOutOfPoolingShareABatch() throws IOException {
    // concurrent callers' texts share batches: a query whose prompt is left out of pooling next to
    // documents without one must each pool as they would alone
    Path folder =
        RandomModelFolder.builder()
            .optSeed(5)
            .optPooling(PoolingMode.values())
            .optIncludePrompt(false)
            .writeTo(dir.resolve("p"));
    ModelSpec spec = ModelFolder.read(folder, "p");
    try (BertSentenceModel model = new BertSentenceModel(spec, Device.cpu(), Precision.FP32)) {
      List<long[]> batch = new ArrayList<>();
      int[] lengths = {12, 4, 9, 12};
      int[] skips = {5, 0, 3, 0};
      for (int length : lengths) {
        long[] ids = new long[length];
        for (int j = 0; j < length; j++) {
          ids[j] = 200 + 17L * j + 3L * length;
        }
        batch.add(ids);
      }
      float[][] together = model.embed(batch, skips);
      for (int i = 0; i < batch.size(); i++) {
        float[] alone = model.embed(List.of(batch.get(i)), new int[] {skips[i]})[0];
        for (int d = 0; d < alone.length; d++) {
          assertThat(together[i][d])
              .as("sequence %d, dimension %d", i, d)
              .isCloseTo(alone[d], org.assertj.core.data.Offset.offset(1e-5f));
        }
      }
      // the skip matters: the same first sequence without it pools differently
      float[] unskipped = model.embed(List.of(batch.get(0)))[0];
      double diff = 0;
      for (int d = 0; d < unskipped.length; d++) {
        diff = Math.max(diff, Math.abs(unskipped[d] - together[0][d]));
      }
      assertThat(diff).isGreaterThan(1e-3);
    }
  }

  @Test
  void missingOrMisshapenWeightIsNamed() throws IOException {
    Path folder = RandomModelFolder.builder().writeTo(dir.resolve("m"));
    Path weights = folder.resolve("model.safetensors");
    Map<String, Tensor> tensors = Safetensors.read(weights);
    tensors.remove("encoder.layer.1.output.dense.bias");
    Safetensors.write(weights, tensors.values());
    ModelSpec spec = ModelFolder.read(folder, "m");
    assertThatThrownBy(() -> new BertSentenceModel(spec, Device.cpu(), Precision.FP32))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(weights + ": missing weight encoder.layer.1.output.dense.bias");

    Tensor wrong = new Tensor("encoder.layer.1.output.dense.bias", new long[] {7}, new float[7]);
    tensors.put(wrong.name(), wrong);
    Safetensors.write(weights, tensors.values());
    assertThatThrownBy(() -> new BertSentenceModel(spec, Device.cpu(), Precision.FP32))
        .hasMessage(
            weights + ": weight encoder.layer.1.output.dense.bias has shape [7], expected [128]");
  }
}
