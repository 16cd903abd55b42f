package io.semsearch.encoder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharded weights ({@code model.safetensors.index.json} and its shards), as save_pretrained writes
 * them.
 */
class SafetensorsWeightsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /**
   * Splits {@code folder}'s model.safetensors into {@code shards} files plus an index; returns the
   * index.
   */
  private static Path shard(Path folder, int shards) throws IOException {
    Path single = folder.resolve(SafetensorsWeights.SINGLE);
    List<Tensor> tensors = new ArrayList<>(Safetensors.read(single).values());
    ObjectNode index = JSON.createObjectNode();
    index.putObject("metadata").put("total_size", 0);
    ObjectNode map = index.putObject("weight_map");
    for (int s = 0; s < shards; s++) {
      String name = String.format("model-%05d-of-%05d.safetensors", s + 1, shards);
      List<Tensor> part = new ArrayList<>();
      for (int i = s; i < tensors.size(); i += shards) {
        part.add(tensors.get(i));
        map.put(tensors.get(i).name(), name);
      }
      Safetensors.write(folder.resolve(name), part);
    }
    Files.delete(single);
    Path indexFile = folder.resolve(SafetensorsWeights.INDEX);
    JSON.writeValue(indexFile.toFile(), index);
    return indexFile;
  }

  @Test
  void aShardedModelEmbedsAsTheSingleFileOneAndItsShardsAreFingerprinted() throws IOException {
    Path whole = RandomModelFolder.builder().optSeed(41).writeTo(dir.resolve("whole"));
    Path sharded = RandomModelFolder.builder().optSeed(41).writeTo(dir.resolve("sharded"));
    Path index = shard(sharded, 3);
    assertThat(ModelFolder.read(sharded, "s").transformer().weights()).isEqualTo(index);
    assertThat(SafetensorsWeights.files(index)).hasSize(4);
    List<String> texts = FidelitySentences.varied(6, 41);
    EncoderOptions cpu = EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
    float[][] expected;
    try (SentenceEncoder a = SentenceEncoders.open(whole, "m", cpu)) {
      expected = a.encode(texts);
    }
    String fingerprint;
    try (SentenceEncoder b = SentenceEncoders.open(sharded, "m", cpu)) {
      float[][] actual = b.encode(texts);
      for (int i = 0; i < texts.size(); i++) {
        // not bit-equal: texts may share batches differently in the two encoders
        assertThat(actual[i])
            .as("text %d", i)
            .containsExactly(expected[i], org.assertj.core.data.Offset.offset(1e-6f));
      }
      fingerprint = b.model().fingerprint();
    }
    // a changed shard is a changed model
    Path second = sharded.resolve("model-00002-of-00003.safetensors");
    Map<String, Tensor> tensors = Safetensors.read(second);
    Tensor first = tensors.values().iterator().next();
    float[] data = first.data().clone();
    data[0] += 1;
    tensors.put(first.name(), new Tensor(first.name(), first.shape(), data));
    Safetensors.write(second, tensors.values());
    assertThat(ModelFingerprint.of(ModelFolder.read(sharded, "m"))).isNotEqualTo(fingerprint);
  }

  @Test
  void badIndexesAreRefusedNamingTheIndex() throws IOException {
    Path folder = RandomModelFolder.builder().optSeed(42).writeTo(dir.resolve("m"));
    Path index = shard(folder, 2);
    ObjectNode json = (ObjectNode) JSON.readTree(index.toFile());
    ObjectNode map = (ObjectNode) json.get("weight_map");

    map.put(
        "encoder.layer.0.output.dense.bias",
        "model-00002-of-00002.safetensors"
                .equals(map.get("encoder.layer.0.output.dense.bias").asText())
            ? "model-00001-of-00002.safetensors"
            : "model-00002-of-00002.safetensors");
    map.put("invented.weight", "model-00001-of-00002.safetensors");
    JSON.writeValue(index.toFile(), json);
    assertThatThrownBy(() -> SafetensorsWeights.read(index))
        .hasMessageStartingWith(index + ": tensor ")
        .hasMessageContaining("is not in its shard");

    map.removeAll();
    map.put("embeddings.word_embeddings.weight", "../elsewhere.safetensors");
    JSON.writeValue(index.toFile(), json);
    assertThatThrownBy(() -> SafetensorsWeights.read(index))
        .hasMessage(
            index
                + ": tensor embeddings.word_embeddings.weight maps to '../elsewhere.safetensors',"
                + " not a file name beside the index");

    Files.writeString(index, "{\"metadata\":{}}");
    assertThatThrownBy(() -> SafetensorsWeights.read(index))
        .hasMessage(index + ": no weight_map of tensor names to shard files");

    Files.delete(folder.resolve("model-00001-of-00002.safetensors"));
    Files.writeString(index, "{\"weight_map\":{\"a\":\"model-00001-of-00002.safetensors\"}}");
    assertThatThrownBy(() -> SafetensorsWeights.read(index))
        .hasMessageContaining("model-00001-of-00002.safetensors");
  }
}
