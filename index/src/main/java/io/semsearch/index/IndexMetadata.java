package io.semsearch.index;

import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.Precision;
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
 * @param precision the number type the index was embedded in ({@code fp32} for indexes written
 *     before precision was recorded); searching or appending in another is allowed (int8 and fp32
 *     vectors of one model are close) but logged
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
    String semsearchVersion,
    Precision precision) {

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
        version(),
        model.precision());
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
    data.put(PREFIX + "precision", precision.id());
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
          data.getOrDefault(PREFIX + "version", "unknown"),
          Precision.parse(data.getOrDefault(PREFIX + "precision", "fp32")));
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
              + ") was given; use the index's model"
              + (dimension != model.dimension()
                  ? " at its dimension (--truncate-dim " + dimension + " for a Matryoshka cut)"
                  : "")
              + " or build a new index");
    }
  }

  /** A copy recording {@code value} as the precision. */
  public IndexMetadata withPrecision(Precision value) {
    return new IndexMetadata(
        modelId,
        modelFingerprint,
        dimension,
        similarity,
        maxSeqLength,
        passageOverlapTokens,
        hnswM,
        beamWidth,
        quantization,
        semsearchVersion,
        value);
  }

  /**
   * What to log when {@code model} runs in another precision than the index was embedded in: its
   * vectors are close to the index's, not equal, so scores shift slightly; null when they match.
   */
  public String precisionMismatch(ModelInfo model) {
    if (model.precision() == precision) {
      return null;
    }
    return "the index was embedded in "
        + precision.id()
        + " but the encoder runs in "
        + model.precision().id()
        + ": this works (vectors of one model in both are close, cosine about 0.99) but scores"
        + " differ slightly from an index embedded in "
        + model.precision().id();
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  /** The similarity in lower case, as users see it ({@code cosine}, {@code dot_product}). */
  public String similarityLabel() {
    return similarity.name().toLowerCase(Locale.ROOT);
  }
}
