package io.semsearch.encoder.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A cross-encoder as read from its folder: a Hugging Face {@code BertForSequenceClassification}
 * ({@code config.json} with the labels, weights {@code bert.*}, {@code bert.pooler.dense.*} and
 * {@code classifier.*}), as sentence-transformers' {@code CrossEncoder} saves and loads it. Holds
 * paths and configuration only; weights are read by the engine.
 *
 * <p>Scoring follows {@code CrossEncoder.predict}: the query and the passage are tokenized as one
 * pair ({@code [CLS] query [SEP] passage [SEP]}, token types 0 then 1, the longer of the two cut
 * first to {@code max_seq_length}); the {@code [CLS]} hidden state goes through the pooler ({@code
 * tanh(dense(x))}) when the weights have one, then the classifier; the activation maps the logit to
 * the score.
 *
 * @param id the model's name for people (a hub repo id or folder name)
 * @param folder the model folder
 * @param transformer the BERT encoder, its tokenizer and max_seq_length: {@code
 *     sentence_bert_config.json}'s when present, else the tokenizer's {@code model_max_length},
 *     capped by the position table
 * @param activation applied to the logit: the one the folder names ({@code activation_fn} in {@code
 *     config_sentence_transformers.json}, else in {@code config.json}'s {@code
 *     sentence_transformers} object, else {@code sbert_ce_default_activation_function}), else
 *     sigmoid, sentence-transformers' default for one label
 */
public record CrossEncoderSpec(
    String id, Path folder, TransformerSpec transformer, Activation activation) {

  /** The one label semsearch ranks by. */
  public static final int LABELS = 1;

  /**
   * Reads a cross-encoder folder.
   *
   * @throws ModelFormatException if a file is missing or corrupt, the model is not a sequence
   *     classifier with one label, or it names an unsupported activation; the message names the
   *     file
   */
  public static CrossEncoderSpec read(Path folder, String id) throws ModelFormatException {
    if (!Files.isDirectory(folder)) {
      throw new ModelFormatException(folder + ": model folder not found");
    }
    Path configFile = folder.resolve("config.json");
    JsonNode config = ModelFolder.readJson(configFile);
    requireSequenceClassifier(config, configFile);
    int labels = labels(config);
    if (labels != LABELS) {
      throw new ModelFormatException(
          configFile
              + ": the classifier has "
              + labels
              + " labels; semsearch reranks with one-label cross-encoders (num_labels 1)");
    }
    TransformerSpec transformer = ModelFolder.readTransformer(folder);
    return new CrossEncoderSpec(id, folder, transformer, activation(folder, config, configFile));
  }

  /**
   * The same model as a sentence-transformers pipeline that engines without a pair path can run:
   * the transformer, CLS pooling, then the pooler as a Dense module with Tanh (when the weights
   * have one) and the classifier as a Dense module with the activation, their weights copied to
   * {@code folder} (a scratch folder the caller owns). Run with the pairs' token types, its one
   * output is the score.
   *
   * @throws ModelFormatException if a weight is missing or has the wrong shape
   */
  public ModelSpec asSentencePipeline(Path folder) throws IOException {
    int h = transformer.config().hiddenSize();
    WeightMap w = WeightMap.read(transformer.weights());
    List<OutputLayer> head = new ArrayList<>();
    boolean pooler;
    try {
      w.fileName("pooler.dense.weight");
      pooler = true;
    } catch (ModelFormatException absent) {
      pooler = false;
    }
    if (pooler) {
      head.add(dense(w, "pooler.dense", h, h, Activation.TANH, folder.resolve("pooler")));
    }
    head.add(dense(w, "classifier", LABELS, h, activation, folder.resolve("classifier")));
    PoolingConfig cls = new PoolingConfig(h, true, false, false, false, false, false, true);
    return new ModelSpec(id, this.folder, transformer, cls, head);
  }

  private static OutputLayer.Dense dense(
      WeightMap w, String name, int out, int h, Activation activation, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(SafetensorsWeights.SINGLE);
    Tensor weight = w.get(name + ".weight", out, h);
    Tensor bias = w.get(name + ".bias", out);
    Safetensors.write(
        file,
        List.of(
            new Tensor("linear.weight", weight.shape(), weight.data()),
            new Tensor("linear.bias", bias.shape(), bias.data())));
    return new OutputLayer.Dense(h, out, true, activation, file);
  }

  private static void requireSequenceClassifier(JsonNode config, Path file)
      throws ModelFormatException {
    JsonNode architectures = config.path("architectures");
    if (!architectures.isArray() || architectures.isEmpty()) {
      return; // transformers does not require the field; the classifier weights are checked later
    }
    for (JsonNode architecture : architectures) {
      if (architecture.asText().endsWith("ForSequenceClassification")) {
        return;
      }
    }
    throw new ModelFormatException(
        file
            + ": architectures "
            + architectures
            + " has no sequence classifier (a cross-encoder is a BertForSequenceClassification)");
  }

  /** {@code num_labels}, else the size of {@code id2label}, else 2 as transformers defaults. */
  private static int labels(JsonNode config) {
    if (config.hasNonNull("num_labels")) {
      return config.get("num_labels").asInt();
    }
    JsonNode id2label = config.path("id2label");
    return id2label.isObject() && !id2label.isEmpty() ? id2label.size() : 2;
  }

  private static Activation activation(Path folder, JsonNode config, Path configFile)
      throws ModelFormatException {
    Path stFile = folder.resolve(ModelFolder.CONFIG_SENTENCE_TRANSFORMERS);
    JsonNode named = null;
    Path from = configFile;
    if (Files.exists(stFile)) {
      named = ModelFolder.readJson(stFile).get("activation_fn");
      from = stFile;
    }
    if (named == null || named.isNull()) {
      named = config.path("sentence_transformers").get("activation_fn");
      from = configFile;
    }
    if (named == null || named.isNull()) {
      named = config.get("sbert_ce_default_activation_function");
    }
    if (named == null || named.isNull()) {
      return Activation.SIGMOID;
    }
    try {
      return Activation.fromTorchModule(named.asText());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(from + ": " + e.getMessage(), e);
    }
  }
}
