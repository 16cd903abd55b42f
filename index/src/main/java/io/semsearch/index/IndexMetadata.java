package io.semsearch.index;

import io.semsearch.encoder.ModelInfo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * What an index records about how it was built, in its Lucene commit user data: the model (id and
 * fingerprint), vector dimension and similarity, passage settings, HNSW settings and the semsearch
 * version. Appending to or searching an index with another model is refused.
 *
 * @param modelId the model's name
 * @param modelFingerprint hash of the model's weights and configuration
 * @param dimension vector width
 * @param similarity {@code DOT_PRODUCT} for normalized models, else {@code COSINE}
 * @param maxSeqLength the model's max_seq_length, the passage budget in tokens
 * @param passageOverlapTokens tokens shared by consecutive passages
 * @param hnswM HNSW maxConn
 * @param beamWidth HNSW beam width
 * @param quantization vector storage
 * @param semsearchVersion version that wrote the last commit
 */
public record IndexMetadata(
    String modelId,
    String modelFingerprint,
    int dimension,
    VectorSimilarityFunction similarity,
    int maxSeqLength,
    int passageOverlapTokens,
    int hnswM,
    int beamWidth,
    Quantization quantization,
    String semsearchVersion) {

  private static final String PREFIX = "semsearch.";

  /** The metadata of a new index built with {@code model} and {@code settings}. */
  public static IndexMetadata of(ModelInfo model, IndexSettings settings) {
    return new IndexMetadata(
        model.id(),
        model.fingerprint(),
        model.dimension(),
        model.normalizes() ? VectorSimilarityFunction.DOT_PRODUCT : VectorSimilarityFunction.COSINE,
        model.maxSeqLength(),
        settings.passageOverlapTokens(),
        settings.hnswM(),
        settings.beamWidth(),
        settings.quantization(),
        version());
  }

  /** The running semsearch version, from the jar manifest ("dev" when run from classes). */
  public static String version() {
    String v = IndexMetadata.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** As commit user data. */
  public Map<String, String> toUserData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(PREFIX + "model", modelId);
    data.put(PREFIX + "model_fingerprint", modelFingerprint);
    data.put(PREFIX + "dimension", Integer.toString(dimension));
    data.put(PREFIX + "similarity", similarity.name());
    data.put(PREFIX + "max_seq_length", Integer.toString(maxSeqLength));
    data.put(PREFIX + "passage_overlap_tokens", Integer.toString(passageOverlapTokens));
    data.put(PREFIX + "hnsw_m", Integer.toString(hnswM));
    data.put(PREFIX + "hnsw_beam_width", Integer.toString(beamWidth));
    data.put(PREFIX + "quantization", quantization.label());
    data.put(PREFIX + "version", semsearchVersion);
    return data;
  }

  /**
   * Reads the metadata from commit user data.
   *
   * @return null when the commit has no semsearch metadata (not a semsearch index, or empty)
   * @throws IllegalArgumentException if a value is malformed, naming it
   */
  public static IndexMetadata fromUserData(Map<String, String> data) {
    if (!data.containsKey(PREFIX + "model")) {
      return null;
    }
    try {
      return new IndexMetadata(
          data.get(PREFIX + "model"),
          data.getOrDefault(PREFIX + "model_fingerprint", ""),
          Integer.parseInt(data.get(PREFIX + "dimension")),
          VectorSimilarityFunction.valueOf(data.get(PREFIX + "similarity")),
          Integer.parseInt(data.get(PREFIX + "max_seq_length")),
          Integer.parseInt(data.get(PREFIX + "passage_overlap_tokens")),
          Integer.parseInt(data.get(PREFIX + "hnsw_m")),
          Integer.parseInt(data.get(PREFIX + "hnsw_beam_width")),
          Quantization.parse(data.get(PREFIX + "quantization")),
          data.getOrDefault(PREFIX + "version", "unknown"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "corrupt semsearch metadata in the index commit: " + data, e);
    }
  }

  /**
   * Checks that {@code model} made this index's vectors.
   *
   * @throws IllegalArgumentException naming both models when it did not
   */
  public void requireSameModel(ModelInfo model) {
    if (!modelFingerprint.equals(model.fingerprint()) || dimension != model.dimension()) {
      throw new IllegalArgumentException(
          "the index was built with model "
              + modelId
              + " (fingerprint "
              + shortHash(modelFingerprint)
              + ", dimension "
              + dimension
              + ") but model "
              + model.id()
              + " (fingerprint "
              + shortHash(model.fingerprint())
              + ", dimension "
              + model.dimension()
              + ") was given; use the index's model or build a new index");
    }
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  /** The similarity in lower case, as users see it ({@code cosine}, {@code dot_product}). */
  public String similarityLabel() {
    return similarity.name().toLowerCase(Locale.ROOT);
  }
}
