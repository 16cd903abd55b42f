package io.semsearch.encoder;

import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Finds the model folder a {@code --model} value names. */
final class ModelLocator {

  private final Map<String, String> env;

  private ModelLocator(Map<String, String> env) {
    this.env = env;
  }

  static ModelLocator fromEnvironment() {
    return new ModelLocator(System.getenv());
  }

  ModelSpec locate(String model) throws IOException {
    if (model != null && !model.isBlank()) {
      Path folder = Path.of(model);
      if (Files.isDirectory(folder)) {
        return ModelFolder.read(folder, folder.toAbsolutePath().normalize().getFileName().toString());
      }
    }
    throw new IOException("model '" + model + "' is not a folder (hub and default model: pending)");
  }
}
