package io.semsearch.encoder.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.model.SafetensorsWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which files of a repo a sentence-transformers model needs: the configs, tokenizer and {@code
 * model.safetensors} (or {@code model.safetensors.index.json}, then the shards it names) at the
 * root, and each module folder's {@code config.json} and weights. Other weight formats (PyTorch,
 * ONNX, OpenVINO, TensorFlow, Flax) and everything else are left out.
 */
final class ModelFiles {

  static final String MODULES_JSON = "modules.json";
  static final String WEIGHTS = SafetensorsWeights.SINGLE;
  static final String WEIGHTS_INDEX = SafetensorsWeights.INDEX;

  /**
   * The root files, in download order; {@code modules.json} first, since it names the module
   * folders.
   */
  static final List<String> ROOT_FILES =
      List.of(
          MODULES_JSON,
          "config_sentence_transformers.json",
          "sentence_bert_config.json",
          "config.json",
          "tokenizer.json",
          "tokenizer_config.json",
          "special_tokens_map.json",
          "vocab.txt",
          WEIGHTS,
          WEIGHTS_INDEX);

  private static final List<String> MODULE_FILES = List.of("config.json", WEIGHTS, WEIGHTS_INDEX);
  private static final List<String> OTHER_WEIGHTS =
      List.of(".bin", ".pt", ".pth", ".ckpt", ".h5", ".msgpack", ".onnx");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFiles() {}

  /**
   * Returns the files to download, in order: the root files the repo has, then each module folder's
   * files.
   *
   * @param repoFiles every file of the repo, as listed by the hub
   * @param modulePaths the module folders named by {@code modules.json}, without the root ({@code
   *     ""})
   */
  static List<String> select(Set<String> repoFiles, List<String> modulePaths) {
    List<String> selected = new ArrayList<>();
    for (String name : ROOT_FILES) {
      if (repoFiles.contains(name)
          && !(name.equals(WEIGHTS_INDEX) && repoFiles.contains(WEIGHTS))) {
        selected.add(name);
      }
    }
    for (String module : modulePaths) {
      for (String name : MODULE_FILES) {
        String path = module + "/" + name;
        boolean singleToo =
            name.equals(WEIGHTS_INDEX) && repoFiles.contains(module + "/" + WEIGHTS);
        if (repoFiles.contains(path) && !selected.contains(path) && !singleToo) {
          selected.add(path);
        }
      }
    }
    return selected;
  }

  /**
   * Returns the first module folder that has weights in another format but no {@code
   * model.safetensors}.
   */
  static Optional<String> moduleWithoutSafetensors(
      Set<String> repoFiles, List<String> modulePaths) {
    for (String module : modulePaths) {
      if (!hasSafetensors(repoFiles, module + "/")
          && !otherWeights(repoFiles, module + "/").isEmpty()) {
        return Optional.of(module);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code folder} ("" for the root, else ending in '/') has safetensors weights: one file,
   * or a shard index (whose shards are fetched once the index is read).
   */
  static boolean hasSafetensors(Set<String> repoFiles, String folder) {
    return repoFiles.contains(folder + WEIGHTS) || repoFiles.contains(folder + WEIGHTS_INDEX);
  }

  /**
   * Returns the weight files of other formats directly under {@code folder} ("" for the root, else
   * ending in '/').
   */
  static List<String> otherWeights(Collection<String> repoFiles, String folder) {
    List<String> found = new ArrayList<>();
    for (String file : repoFiles) {
      if (file.startsWith(folder) && file.indexOf('/', folder.length()) < 0) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (OTHER_WEIGHTS.stream().anyMatch(lower::endsWith)) {
          found.add(file);
        }
      }
    }
    found.sort(null);
    return found;
  }

  /**
   * Reads the module folders from a {@code modules.json}: each entry's {@code path}, without the
   * empty root path.
   *
   * @throws IOException if the file is not a JSON array of modules, or a path leaves the repo
   */
  static List<String> modulePaths(Path modulesJson) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(modulesJson.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(modulesJson + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isArray()) {
      throw new IOException(modulesJson + ": expected a JSON array of modules");
    }
    List<String> paths = new ArrayList<>();
    for (JsonNode module : root) {
      String path = module.path("path").asText("");
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      if (path.isEmpty()) {
        continue;
      }
      if (!isSafeRelativePath(path)) {
        throw new IOException(
            modulesJson + ": module path '" + path + "' is not a folder inside the repo");
      }
      paths.add(path);
    }
    return paths;
  }

  /**
   * Tells whether {@code path} is a plain relative path inside a repo: no root, no '.' or '..'
   * parts.
   */
  static boolean isSafeRelativePath(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.indexOf(':') >= 0) {
      return false;
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
