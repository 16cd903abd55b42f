package io.semsearch.encoder.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a standard sentence-transformers folder ({@code modules.json} with Transformer, Pooling,
 * Dense and Normalize modules) into a {@link ModelSpec}, with the prompts of its {@code
 * config_sentence_transformers.json} when it has one.
 *
 * <p>A folder without {@code modules.json} is read as a plain Hugging Face BERT model followed by
 * mean pooling, which is what sentence-transformers does with such a folder. Anything the engine
 * can't run is refused here, before any weight is read, with a one-line message naming the file.
 */
public final class ModelFolder {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The file with the model's prompts (and its sentence-transformers version). */
  static final String CONFIG_SENTENCE_TRANSFORMERS = "config_sentence_transformers.json";

  private ModelFolder() {}

  /**
   * Reads the folder.
   *
   * @param folder the model folder
   * @param id the model's display name
   * @throws ModelFormatException if a file is missing, corrupt or names something unsupported
   */
  public static ModelSpec read(Path folder, String id) throws ModelFormatException {
    if (!Files.isDirectory(folder)) {
      throw new ModelFormatException(folder + ": model folder not found");
    }
    Path modulesFile = folder.resolve("modules.json");
    if (!Files.exists(modulesFile)) {
      TransformerSpec transformer = readTransformer(folder);
      return new ModelSpec(
          id,
          folder,
          transformer,
          PoolingConfig.meanOf(transformer.config().hiddenSize()),
          List.of());
    }
    JsonNode modules = readJson(modulesFile);
    if (!modules.isArray() || modules.isEmpty()) {
      throw new ModelFormatException(modulesFile + ": expected a non-empty JSON array of modules");
    }
    TransformerSpec transformer = null;
    PoolingConfig pooling = null;
    List<OutputLayer> outputs = new ArrayList<>();
    for (JsonNode module : modules) {
      String type = module.path("type").asText("");
      String kind = type.substring(type.lastIndexOf('.') + 1);
      Path path = folder.resolve(module.path("path").asText(""));
      switch (kind) {
        case "Transformer" -> {
          if (transformer != null || pooling != null) {
            throw new ModelFormatException(
                modulesFile + ": the Transformer module must come first, once");
          }
          transformer = readTransformer(path);
        }
        case "Pooling" -> {
          if (transformer == null || pooling != null) {
            throw new ModelFormatException(
                modulesFile + ": the Pooling module must follow the Transformer, once");
          }
          Path config = path.resolve("config.json");
          pooling =
              PoolingConfig.fromJson(readJson(config), transformer.config().hiddenSize(), config);
        }
        case "Dense" -> outputs.add(readDense(path, modulesFile, pooling));
        case "Normalize" -> {
          if (pooling == null) {
            throw new ModelFormatException(
                modulesFile + ": Normalize before Pooling is not supported");
          }
          outputs.add(new OutputLayer.Normalize());
        }
        default ->
            throw new ModelFormatException(
                modulesFile
                    + ": unsupported module type '"
                    + type
                    + "' (semsearch runs Transformer, Pooling, Dense and Normalize)");
      }
    }
    if (transformer == null) {
      throw new ModelFormatException(modulesFile + ": no Transformer module");
    }
    if (pooling == null) {
      throw new ModelFormatException(
          modulesFile + ": no Pooling module (token embeddings alone are not supported)");
    }
    ModelSpec spec = new ModelSpec(id, folder, transformer, pooling, outputs, readPrompts(folder));
    checkDenseChain(spec, modulesFile);
    return withConfiguredTruncation(spec);
  }

  /**
   * {@code spec} cut to the {@code truncate_dim} of {@code config_sentence_transformers.json}, when
   * the file has one (null or missing: the full width).
   */
  private static ModelSpec withConfiguredTruncation(ModelSpec spec) throws ModelFormatException {
    Path file = spec.folder().resolve(CONFIG_SENTENCE_TRANSFORMERS);
    if (!Files.exists(file)) {
      return spec;
    }
    JsonNode value = readJson(file).path("truncate_dim");
    if (value.isMissingNode() || value.isNull()) {
      return spec;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
      throw new ModelFormatException(
          file + ": truncate_dim must be a positive integer or null, got: " + value);
    }
    try {
      return spec.withTruncateDim(value.asInt());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  /** The prompts of {@code config_sentence_transformers.json}; none when the file is missing. */
  private static Prompts readPrompts(Path folder) throws ModelFormatException {
    Path file = folder.resolve(CONFIG_SENTENCE_TRANSFORMERS);
    return Files.exists(file) ? Prompts.fromJson(readJson(file), file) : Prompts.NONE;
  }

  private static void checkDenseChain(ModelSpec spec, Path modulesFile)
      throws ModelFormatException {
    int d = spec.pooling().outputDimension();
    for (OutputLayer layer : spec.outputLayers()) {
      if (layer instanceof OutputLayer.Dense dense && dense.inFeatures() != d) {
        throw new ModelFormatException(
            modulesFile
                + ": a Dense module expects in_features "
                + dense.inFeatures()
                + " but receives "
                + d);
      }
      d = layer.outputDimension(d);
    }
  }

  /** The Transformer module in {@code path}: its config, tokenizer, weights and max_seq_length. */
  static TransformerSpec readTransformer(Path path) throws ModelFormatException {
    Path configFile = path.resolve("config.json");
    BertConfig config = BertConfig.fromJson(readJson(configFile), configFile);
    Path tokenizer = path.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      throw new ModelFormatException(
          tokenizer + ": missing (semsearch needs a fast-tokenizer tokenizer.json)");
    }
    Path weights = requireSafetensors(path);
    int maxSeqLength = config.maxTokens();
    boolean doLowerCase = false;
    Path stConfig = path.resolve("sentence_bert_config.json");
    if (Files.exists(stConfig)) {
      JsonNode json = readJson(stConfig);
      if (json.hasNonNull("max_seq_length")) {
        maxSeqLength = json.get("max_seq_length").asInt();
      }
      doLowerCase = json.path("do_lower_case").asBoolean(false);
    } else {
      Path tokenizerConfig = path.resolve("tokenizer_config.json");
      if (Files.exists(tokenizerConfig)) {
        long modelMax = readJson(tokenizerConfig).path("model_max_length").asLong(Long.MAX_VALUE);
        maxSeqLength = (int) Math.min(maxSeqLength, modelMax);
      }
    }
    if (maxSeqLength < 2) {
      throw new ModelFormatException(
          stConfig + ": max_seq_length " + maxSeqLength + " leaves no room for text");
    }
    maxSeqLength = Math.min(maxSeqLength, config.maxTokens());
    return new TransformerSpec(config, maxSeqLength, doLowerCase, tokenizer, weights);
  }

  private static OutputLayer.Dense readDense(Path path, Path modulesFile, PoolingConfig pooling)
      throws ModelFormatException {
    if (pooling == null) {
      throw new ModelFormatException(modulesFile + ": Dense before Pooling is not supported");
    }
    Path configFile = path.resolve("config.json");
    JsonNode json = readJson(configFile);
    int in = json.path("in_features").asInt(-1);
    int out = json.path("out_features").asInt(-1);
    if (in <= 0 || out <= 0) {
      throw new ModelFormatException(
          configFile
              + ": in_features and out_features must be positive, got "
              + in
              + " and "
              + out);
    }
    Activation activation;
    try {
      activation =
          Activation.fromTorchModule(
              json.path("activation_function").asText("torch.nn.modules.activation.Tanh"));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(configFile + ": " + e.getMessage(), e);
    }
    return new OutputLayer.Dense(
        in, out, json.path("bias").asBoolean(true), activation, requireSafetensors(path));
  }

  private static Path requireSafetensors(Path path) throws ModelFormatException {
    Path weights = path.resolve(SafetensorsWeights.SINGLE);
    Path found = SafetensorsWeights.find(path);
    if (found != null) {
      return found;
    }
    if (Files.exists(path.resolve("pytorch_model.bin"))) {
      throw new ModelFormatException(
          path.resolve("pytorch_model.bin")
              + ": pickled PyTorch weights are not supported; convert them to model.safetensors");
    }
    throw new ModelFormatException(weights + ": missing");
  }

  static JsonNode readJson(Path file) throws ModelFormatException {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(file + ": missing", e);
    } catch (IOException e) {
      throw new ModelFormatException(
          file + ": not valid JSON (" + firstLine(e.getMessage()) + ")", e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
