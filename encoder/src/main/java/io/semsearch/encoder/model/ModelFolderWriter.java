package io.semsearch.encoder.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a model as a standard sentence-transformers folder that {@link ModelFolder} (and
 * sentence-transformers) read back: the Transformer at the root, {@code 1_Pooling}, then one {@code
 * N_Dense} or {@code N_Normalize} folder per output module, and {@code modules.json}.
 *
 * <p>Weights are given; everything else comes from the base model: its {@code config.json}, its
 * tokenizer files and, when it has them, its Dense modules' {@code config.json} and {@code
 * config_sentence_transformers.json} are copied as they are; {@code sentence_bert_config.json} and
 * the Pooling config are written from the {@link ModelSpec}, as a base folder without {@code
 * modules.json} has neither.
 */
public final class ModelFolderWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Tokenizer files copied from the base model's Transformer folder when present. */
  private static final List<String> TOKENIZER_FILES =
      List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt");

  private ModelFolderWriter() {}

  /** The folder name of output module {@code i} (0-based among the modules after pooling). */
  public static String outputModuleFolder(ModelSpec spec, int i) {
    String kind =
        switch (spec.outputLayers().get(i)) {
          case OutputLayer.Dense dense -> "Dense";
          case OutputLayer.Normalize normalize -> "Normalize";
        };
    return (i + 2) + "_" + kind;
  }

  /**
   * Writes {@code base}'s layout with new weights into {@code folder} (created if needed; files of
   * the same names are replaced).
   *
   * @param transformerWeights the Transformer's tensors, named as {@link ModelFolder} reads them
   * @param denseWeights one list per Dense module, in module order: {@code linear.weight} and, with
   *     a bias, {@code linear.bias}
   * @throws IllegalArgumentException if {@code denseWeights} does not have one entry per Dense
   */
  public static void write(
      ModelSpec base, List<Tensor> transformerWeights, List<List<Tensor>> denseWeights, Path folder)
      throws IOException {
    long denseCount =
        base.outputLayers().stream().filter(l -> l instanceof OutputLayer.Dense).count();
    if (denseWeights.size() != denseCount) {
      throw new IllegalArgumentException(
          denseWeights.size() + " Dense weight lists for " + denseCount + " Dense modules");
    }
    Files.createDirectories(folder);
    TransformerSpec transformer = base.transformer();
    Path transformerFolder = transformer.tokenizer().getParent();
    copy(transformerFolder.resolve("config.json"), folder.resolve("config.json"));
    for (String name : TOKENIZER_FILES) {
      Path file = transformerFolder.resolve(name);
      if (Files.isRegularFile(file)) {
        copy(file, folder.resolve(name));
      }
    }
    ObjectNode stConfig = JSON.createObjectNode();
    stConfig.put("max_seq_length", transformer.maxSeqLength());
    stConfig.put("do_lower_case", transformer.doLowerCase());
    writeJson(folder.resolve("sentence_bert_config.json"), stConfig);
    Safetensors.write(folder.resolve(SafetensorsWeights.SINGLE), transformerWeights);

    ArrayNode modules = JSON.createArrayNode();
    addModule(modules, "", "Transformer");
    addModule(modules, "1_Pooling", "Pooling");
    writePooling(base.pooling(), folder.resolve("1_Pooling"));
    int dense = 0;
    for (int i = 0; i < base.outputLayers().size(); i++) {
      String path = outputModuleFolder(base, i);
      Path dir = folder.resolve(path);
      Files.createDirectories(dir);
      switch (base.outputLayers().get(i)) {
        case OutputLayer.Dense d -> {
          addModule(modules, path, "Dense");
          copy(d.weights().resolveSibling("config.json"), dir.resolve("config.json"));
          Safetensors.write(dir.resolve(SafetensorsWeights.SINGLE), denseWeights.get(dense++));
        }
        case OutputLayer.Normalize n -> addModule(modules, path, "Normalize");
      }
    }
    writeJson(folder.resolve("modules.json"), modules);

    Path prompts = base.folder().resolve(ModelFolder.CONFIG_SENTENCE_TRANSFORMERS);
    if (Files.isRegularFile(prompts)) {
      copy(prompts, folder.resolve(ModelFolder.CONFIG_SENTENCE_TRANSFORMERS));
    } else {
      ObjectNode info = JSON.createObjectNode();
      info.putObject("prompts");
      info.putNull("default_prompt_name");
      info.put("similarity_fn_name", "cosine");
      writeJson(folder.resolve(ModelFolder.CONFIG_SENTENCE_TRANSFORMERS), info);
    }
  }

  private static void addModule(ArrayNode modules, String path, String kind) {
    int idx = modules.size();
    modules
        .addObject()
        .put("idx", idx)
        .put("name", String.valueOf(idx))
        .put("path", path)
        .put("type", "sentence_transformers.models." + kind);
  }

  /** The Pooling config with every key sentence-transformers writes. */
  private static void writePooling(PoolingConfig pooling, Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectNode config = JSON.createObjectNode();
    config.put("word_embedding_dimension", pooling.wordEmbeddingDimension());
    config.put("pooling_mode_cls_token", pooling.cls());
    config.put("pooling_mode_mean_tokens", pooling.mean());
    config.put("pooling_mode_max_tokens", pooling.max());
    config.put("pooling_mode_mean_sqrt_len_tokens", pooling.meanSqrtLen());
    config.put("pooling_mode_weightedmean_tokens", pooling.weightedMean());
    config.put("pooling_mode_lasttoken", pooling.lastToken());
    config.put("include_prompt", pooling.includePrompt());
    writeJson(dir.resolve("config.json"), config);
  }

  private static void copy(Path from, Path to) throws IOException {
    if (!from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void writeJson(Path file, Object value) throws IOException {
    Files.write(file, JSON.writeValueAsBytes(value));
  }
}
