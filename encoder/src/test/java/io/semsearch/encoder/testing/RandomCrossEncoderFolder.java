package io.semsearch.encoder.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a cross-encoder folder with seeded random weights, laid out as transformers' {@code
 * BertForSequenceClassification.save_pretrained} (and sentence-transformers' {@code CrossEncoder})
 * writes one: {@code config.json} with architectures, {@code id2label} and {@code label2id} of one
 * label, {@code model.safetensors} with {@code bert.}-prefixed encoder weights, {@code
 * bert.pooler.dense.*} (unless left out) and {@code classifier.*}, the tokenizer files, and the
 * activation where the chosen sentence-transformers version writes it.
 *
 * <p>The encoder comes from a {@link RandomModelFolder.Builder} (its shape, seed and weight
 * scales); its sentence-transformers files are removed.
 */
public final class RandomCrossEncoderFolder {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where the folder names its activation, by sentence-transformers version. */
  public enum ActivationSource {
    /** Nowhere: sentence-transformers then uses sigmoid for one label. */
    NONE,
    /** {@code activation_fn} in {@code config_sentence_transformers.json} (version 4 and later). */
    ST_CONFIG,
    /** {@code config.json}'s {@code sentence_transformers.activation_fn} (version 3). */
    CONFIG_JSON,
    /** {@code config.json}'s {@code sbert_ce_default_activation_function} (version 2). */
    LEGACY
  }

  /**
   * What to write besides the encoder.
   *
   * @param pooler whether {@code bert.pooler.dense.*} is written
   * @param activation the torch module name written (ignored for {@link ActivationSource#NONE})
   * @param source where it is written
   * @param maxLength the tokenizer's {@code model_max_length}
   * @param headSeed the seed of the classifier's weights
   */
  public record Head(
      boolean pooler, String activation, ActivationSource source, int maxLength, long headSeed) {

    /** A pooler, the default activation, max length 512. */
    public static Head standard() {
      return new Head(true, null, ActivationSource.NONE, 512, 11);
    }
  }

  private RandomCrossEncoderFolder() {}

  /**
   * Writes the folder.
   *
   * @return {@code folder}
   */
  public static Path write(RandomModelFolder.Builder encoder, Head head, Path folder)
      throws IOException {
    encoder
        .optBertPrefix(true)
        .optPooler(head.pooler())
        .optDense(List.of())
        .optNormalize(false)
        .writeTo(folder);
    for (String name :
        List.of(
            "modules.json",
            "sentence_bert_config.json",
            "config_sentence_transformers.json",
            "1_Pooling/config.json",
            "1_Pooling")) {
      Files.deleteIfExists(folder.resolve(name));
    }
    int hidden = writeConfig(folder, head);
    ObjectNode tokenizerConfig =
        (ObjectNode) JSON.readTree(folder.resolve("tokenizer_config.json").toFile());
    tokenizerConfig.put("model_max_length", head.maxLength());
    JSON.writeValue(folder.resolve("tokenizer_config.json").toFile(), tokenizerConfig);
    if (head.source() == ActivationSource.ST_CONFIG) {
      ObjectNode st = JSON.createObjectNode();
      st.putObject("__version__").put("sentence_transformers", "5.1.0");
      st.put("activation_fn", head.activation());
      st.put("model_type", "CrossEncoder");
      JSON.writeValue(folder.resolve("config_sentence_transformers.json").toFile(), st);
    }
    addClassifier(folder.resolve("model.safetensors"), hidden, head.headSeed());
    return folder;
  }

  private static int writeConfig(Path folder, Head head) throws IOException {
    Path file = folder.resolve("config.json");
    ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
    config.putArray("architectures").add("BertForSequenceClassification");
    config.putObject("id2label").put("0", "LABEL_0");
    config.putObject("label2id").put("LABEL_0", 0);
    switch (head.source()) {
      case CONFIG_JSON ->
          config.putObject("sentence_transformers").put("activation_fn", head.activation());
      case LEGACY -> config.put("sbert_ce_default_activation_function", head.activation());
      case NONE, ST_CONFIG -> {}
    }
    JSON.writeValue(file.toFile(), config);
    return config.get("hidden_size").asInt();
  }

  private static void addClassifier(Path weights, int hidden, long seed) throws IOException {
    List<Tensor> tensors = new ArrayList<>();
    for (Map.Entry<String, SafetensorsFile.Entry> e : SafetensorsFile.read(weights).entrySet()) {
      tensors.add(new Tensor(e.getKey(), e.getValue().shape(), e.getValue().values()));
    }
    Random random = new Random(seed);
    float[] weight = new float[hidden];
    for (int i = 0; i < hidden; i++) {
      weight[i] = (float) (random.nextGaussian() * 0.3);
    }
    tensors.add(new Tensor("classifier.weight", new long[] {1, hidden}, weight));
    tensors.add(
        new Tensor("classifier.bias", new long[] {1}, new float[] {(float) random.nextGaussian()}));
    Safetensors.write(weights, tensors);
  }
}
