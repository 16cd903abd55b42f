package io.semsearch.encoder.builtin;

import io.semsearch.encoder.model.onnx.OnnxBertImporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A model semsearch ships as an ONNX graph and a {@code tokenizer.json} inside a Maven artifact,
 * and how to import it into a sentence-transformers folder under the cache root.
 *
 * <p>{@link #ensureImported(Path)} does the import once, crash-safe and safe between threads and
 * processes ({@link ClasspathOnnxImport}); the folder is then an ordinary sentence-transformers
 * folder: BERT weights, {@code Pooling} as given here, then {@code Normalize}.
 *
 * @param id what {@code --model} takes and indexes record
 * @param folderName the imported folder's name under {@code <cache root>/models}
 * @param artifact Maven coordinates (group:artifact) of the jar that carries the files
 * @param artifactVersion the artifact version semsearch is built and tested with
 * @param onnxResource the classpath name of the ONNX graph
 * @param tokenizerResource the classpath name of the {@code tokenizer.json}
 * @param pooling how the token vectors become one
 * @param maxSeqLength the {@code max_seq_length}: longer inputs are cut
 * @param doLowerCase the {@code do_lower_case} of {@code sentence_bert_config.json}
 * @param prompts prompts by name (e.g. {@code "query"}), written to {@code
 *     config_sentence_transformers.json} when there are any
 */
public record BuiltinOnnxModel(
    String id,
    String folderName,
    String artifact,
    String artifactVersion,
    String onnxResource,
    String tokenizerResource,
    OnnxBertImporter.Pooling pooling,
    int maxSeqLength,
    boolean doLowerCase,
    Map<String, String> prompts) {

  /** Checks for nulls and copies the prompts, keeping their order. */
  public BuiltinOnnxModel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(folderName, "folderName");
    Objects.requireNonNull(artifact, "artifact");
    Objects.requireNonNull(artifactVersion, "artifactVersion");
    Objects.requireNonNull(onnxResource, "onnxResource");
    Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    Objects.requireNonNull(pooling, "pooling");
    prompts = Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
  }

  /** Maven coordinates with the version semsearch is built with. */
  public String coordinates() {
    return artifact + ":" + artifactVersion;
  }

  /** The {@code pom.properties} Maven puts in the artifact's jar, which names its version. */
  String pomProperties() {
    int colon = artifact.indexOf(':');
    return "META-INF/maven/"
        + artifact.substring(0, colon)
        + "/"
        + artifact.substring(colon + 1)
        + "/pom.properties";
  }

  /** The importer's options for this model, recording {@code source} in the marker file. */
  OnnxBertImporter.Options importerOptions(String source) {
    return new OnnxBertImporter.Options(
        source, OnnxBertImporter.DEFAULT_NUM_HEADS, maxSeqLength, doLowerCase, pooling, prompts);
  }

  /**
   * Returns {@code cacheRoot/models/<folderName>}, importing it from the classpath first if it is
   * missing, incomplete, or from another artifact version or importer version.
   *
   * @throws IOException if the artifact is not on the classpath (the message names its
   *     coordinates), or the import or a file operation fails
   */
  public Path ensureImported(Path cacheRoot) throws IOException {
    return ClasspathOnnxImport.ensureImported(this, cacheRoot, getClass().getClassLoader());
  }

  /** Returns whether the artifact's ONNX graph is on the classpath, without reading it. */
  public boolean isAvailable() {
    return getClass().getClassLoader().getResource(onnxResource) != null;
  }
}
