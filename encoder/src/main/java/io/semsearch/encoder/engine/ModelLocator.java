package io.semsearch.encoder.engine;

import io.semsearch.encoder.builtin.BgeSmallModel;
import io.semsearch.encoder.builtin.DefaultModel;
import io.semsearch.encoder.builtin.TinyModel;
import io.semsearch.encoder.hub.HubConfig;
import io.semsearch.encoder.hub.HubModelResolver;
import io.semsearch.encoder.model.CrossEncoderSpec;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the model folder a {@code --model} value names: nothing means the default model (imported
 * from the bundled ONNX file into the semsearch cache on first use), an existing folder is used as
 * it is, {@code tiny} (when no folder of that name exists) is the built-in tiny model (copied from
 * the jar into the cache on first use), and {@code org/name[@revision]} is fetched from the Hugging
 * Face hub (or its cache).
 */
final class ModelLocator {

  private final Map<String, String> env;

  ModelLocator(Map<String, String> env) {
    this.env = env;
  }

  static ModelLocator fromEnvironment() {
    return new ModelLocator(System.getenv());
  }

  /**
   * The semsearch cache: {@code -Dsemsearch.home}, else {@code SEMSEARCH_HOME}, else
   * ~/.cache/semsearch.
   */
  Path cacheRoot() {
    String property = System.getProperty("semsearch.home");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String home = env.get("SEMSEARCH_HOME");
    return home != null && !home.isBlank() ? Path.of(home) : DefaultModel.defaultCacheRoot();
  }

  /**
   * The cross-encoder {@code model} names: an existing folder, else a Hugging Face repo id fetched
   * from the hub (or its cache).
   */
  CrossEncoderSpec locateCrossEncoder(String model) throws IOException {
    if (model == null || model.isBlank()) {
      throw new IOException("no cross-encoder named: give a folder or a Hugging Face repo id");
    }
    Path folder = Path.of(model);
    if (Files.isDirectory(folder)) {
      return CrossEncoderSpec.read(
          folder, folder.toAbsolutePath().normalize().getFileName().toString());
    }
    if (HubModelResolver.looksLikeRepoId(model)) {
      try (HubModelResolver hub = new HubModelResolver(HubConfig.fromEnvironment(env))) {
        return CrossEncoderSpec.read(hub.resolve(model), model);
      }
    }
    throw new IOException(
        "cross-encoder '"
            + model
            + "' is neither a folder nor a Hugging Face repo id (org/name[@revision])");
  }

  ModelSpec locate(String model) throws IOException {
    if (model == null || model.isBlank() || model.equals(DefaultModel.ID)) {
      Path cacheRoot = cacheRoot();
      return ModelFolder.read(DefaultModel.ensureImported(cacheRoot), DefaultModel.ID);
    }
    Path folder = Path.of(model);
    if (Files.isDirectory(folder)) {
      return ModelFolder.read(folder, folder.toAbsolutePath().normalize().getFileName().toString());
    }
    if (model.equals(TinyModel.ID)) {
      return ModelFolder.read(TinyModel.ensureExtracted(cacheRoot()), TinyModel.ID);
    }
    if (model.equals(BgeSmallModel.ID)) {
      return ModelFolder.read(BgeSmallModel.ensureImported(cacheRoot()), BgeSmallModel.ID);
    }
    if (HubModelResolver.looksLikeRepoId(model)) {
      try (HubModelResolver hub = new HubModelResolver(HubConfig.fromEnvironment(env))) {
        return ModelFolder.read(hub.resolve(model), model);
      }
    }
    throw new IOException(
        "model '"
            + model
            + "' is neither a folder nor a Hugging Face repo id (org/name[@revision])");
  }
}
