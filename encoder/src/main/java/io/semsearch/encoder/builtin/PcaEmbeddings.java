package io.semsearch.encoder.builtin;

import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.train.Pca;
import java.util.List;
import java.util.Map;

/**
 * Starts a narrow BERT's embedding tables from a wider BERT's with the same vocabulary: the word
 * embedding rows of the wide model are reduced to the narrow width by PCA (fitted on those rows),
 * and the same linear map is applied to its word, position and token type tables.
 *
 * <p>The map is applied without centring, so it is linear: BERT sums the three embeddings of a
 * token before its embedding LayerNorm, and the projection of that sum is the sum of the
 * projections. The first {@code k} principal components keep the directions in which the wide
 * model's words differ most, so words the wide model puts close together start close together. The
 * tables keep the wide model's scale (BERT's embedding LayerNorm normalizes the sum anyway).
 */
final class PcaEmbeddings {

  /** The embedding tables this initializes, by their name in a BERT checkpoint. */
  static final List<String> TABLES =
      List.of(
          "embeddings.word_embeddings.weight",
          "embeddings.position_embeddings.weight",
          "embeddings.token_type_embeddings.weight");

  private PcaEmbeddings() {}

  /**
   * Returns the embedding tables of {@code wide} projected to {@code width} columns: for each name
   * in {@link #TABLES}, a table with the narrow model's number of rows ({@code rows}).
   *
   * @param wide the wide model's weights (names without a {@code bert.} prefix)
   * @param rows for each name in {@link #TABLES}, the rows the narrow table has
   * @throws IllegalArgumentException if a table is missing, has fewer rows than asked, or is not
   *     wider than {@code width}
   */
  static List<Tensor> project(Map<String, Tensor> wide, Map<String, Integer> rows, int width) {
    Tensor words = table(wide, TABLES.get(0));
    int from = words.dim(1);
    if (from < width) {
      throw new IllegalArgumentException(
          "cannot widen embeddings of " + from + " columns to " + width + " by PCA");
    }
    Pca pca = Pca.fit(rowsOf(words), width);
    return TABLES.stream()
        .map(name -> projectRows(name, table(wide, name), rows.get(name), pca, width))
        .toList();
  }

  private static Tensor table(Map<String, Tensor> weights, String name) {
    Tensor t = weights.get(name);
    if (t == null || t.rank() != 2) {
      throw new IllegalArgumentException("the model to project has no 2-d " + name);
    }
    return t;
  }

  private static float[][] rowsOf(Tensor t) {
    int n = t.dim(0);
    int d = t.dim(1);
    float[][] rows = new float[n][d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(t.data(), i * d, rows[i], 0, d);
    }
    return rows;
  }

  private static Tensor projectRows(String name, Tensor t, int n, Pca pca, int width) {
    if (t.dim(0) < n) {
      throw new IllegalArgumentException(
          name + " has " + t.dim(0) + " rows, the model to initialize needs " + n);
    }
    float[][] rows = rowsOf(t);
    float[] out = new float[n * width];
    for (int i = 0; i < n; i++) {
      System.arraycopy(pca.project(rows[i]), 0, out, i * width, width);
    }
    return new Tensor(name, new long[] {n, width}, out);
  }
}
