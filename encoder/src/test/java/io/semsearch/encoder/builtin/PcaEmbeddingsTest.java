package io.semsearch.encoder.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaEmbeddingsTest {

  private static final String WORDS = "embeddings.word_embeddings.weight";
  private static final String POSITIONS = "embeddings.position_embeddings.weight";
  private static final String TYPES = "embeddings.token_type_embeddings.weight";

  @TempDir Path dir;

  /**
   * Rows of width {@code wide} that all lie in a random subspace of dimension {@code rank}: rows =
   * coefficients (normal) times an orthonormal basis (Gram-Schmidt of normal vectors).
   */
  private static Tensor lowRank(String name, int n, int wide, double[][] basis, Random random) {
    float[] data = new float[n * wide];
    for (int i = 0; i < n; i++) {
      for (double[] b : basis) {
        double coefficient = random.nextGaussian();
        for (int j = 0; j < wide; j++) {
          data[i * wide + j] += (float) (coefficient * b[j]);
        }
      }
    }
    return new Tensor(name, new long[] {n, wide}, data);
  }

  private static double[][] orthonormalBasis(int rank, int wide, Random random) {
    double[][] basis = new double[rank][wide];
    for (int r = 0; r < rank; r++) {
      for (int j = 0; j < wide; j++) {
        basis[r][j] = random.nextGaussian();
      }
      for (int s = 0; s < r; s++) {
        double dot = 0;
        for (int j = 0; j < wide; j++) {
          dot += basis[r][j] * basis[s][j];
        }
        for (int j = 0; j < wide; j++) {
          basis[r][j] -= dot * basis[s][j];
        }
      }
      double norm = 0;
      for (double v : basis[r]) {
        norm += v * v;
      }
      for (int j = 0; j < wide; j++) {
        basis[r][j] /= Math.sqrt(norm);
      }
    }
    return basis;
  }

  private static double dot(Tensor t, int a, Tensor u, int b) {
    int d = t.dim(1);
    double sum = 0;
    for (int j = 0; j < d; j++) {
      sum += (double) t.data()[a * d + j] * u.data()[b * d + j];
    }
    return sum;
  }

  private static Map<String, Tensor> wideModel(int vocab, int wide, int rank, long seed) {
    Random random = new Random(seed);
    double[][] basis = orthonormalBasis(rank, wide, random);
    Map<String, Tensor> weights = new HashMap<>();
    weights.put(WORDS, lowRank(WORDS, vocab, wide, basis, random));
    weights.put(POSITIONS, lowRank(POSITIONS, 20, wide, basis, random));
    weights.put(TYPES, lowRank(TYPES, 2, wide, basis, random));
    return weights;
  }

  @Test
  void projectionKeepsTheInnerProductsOfRowsThatLieInAsFewDimensionsAsTheNarrowWidth() {
    // Rows in a 4-dimensional subspace of 12 dimensions, projected to 5: the first 4 principal
    // components span that subspace, so every inner product (within and across the three
    // tables, which share the map) is kept; a reference independent of the PCA's basis.
    Map<String, Tensor> wide = wideModel(60, 12, 4, 3);
    List<Tensor> narrow =
        PcaEmbeddings.project(wide, Map.of(WORDS, 50, POSITIONS, 16, TYPES, 2), 5);
    assertThat(narrow).extracting(Tensor::name).containsExactly(WORDS, POSITIONS, TYPES);
    assertThat(narrow.get(0).shape()).containsExactly(50, 5);
    assertThat(narrow.get(1).shape()).containsExactly(16, 5);
    assertThat(narrow.get(2).shape()).containsExactly(2, 5);
    List<Tensor> wideTables = List.of(wide.get(WORDS), wide.get(POSITIONS), wide.get(TYPES));
    for (int t = 0; t < 3; t++) {
      for (int u = 0; u < 3; u++) {
        for (int a = 0; a < narrow.get(t).dim(0); a += 3) {
          for (int b = 0; b < narrow.get(u).dim(0); b += 2) {
            assertThat(dot(narrow.get(t), a, narrow.get(u), b))
                .isCloseTo(dot(wideTables.get(t), a, wideTables.get(u), b), Offset.offset(1e-4));
          }
        }
      }
    }
  }

  @Test
  void projectionKeepsTheDirectionsOfLargestVarianceFirst() {
    // Words spread 10x more along one known direction than along the others: the first
    // narrow column carries (up to sign) that direction's coefficient.
    Random random = new Random(5);
    int vocab = 200;
    int wide = 6;
    double[] main = {0, 0.6, 0, 0.8, 0, 0};
    float[] data = new float[vocab * wide];
    double[] coefficient = new double[vocab];
    for (int i = 0; i < vocab; i++) {
      coefficient[i] = 10 * random.nextGaussian();
      for (int j = 0; j < wide; j++) {
        data[i * wide + j] = (float) (coefficient[i] * main[j] + random.nextGaussian() * 0.1);
      }
    }
    Map<String, Tensor> weights = new HashMap<>(wideModel(vocab, wide, 2, 9));
    weights.put(WORDS, new Tensor(WORDS, new long[] {vocab, wide}, data));
    Tensor words =
        PcaEmbeddings.project(weights, Map.of(WORDS, vocab, POSITIONS, 4, TYPES, 2), 2).get(0);
    double sign = Math.signum(words.data()[0] * coefficient[0]);
    for (int i = 0; i < vocab; i++) {
      assertThat(sign * words.data()[i * 2]).isCloseTo(coefficient[i], Offset.offset(0.5));
    }
  }

  @Test
  void aMissingTableOrTooFewRowsIsRefusedByName() {
    Map<String, Tensor> wide = new HashMap<>(wideModel(30, 8, 3, 1));
    assertThatThrownBy(
            () -> PcaEmbeddings.project(wide, Map.of(WORDS, 31, POSITIONS, 4, TYPES, 2), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(WORDS + " has 30 rows");
    wide.remove(POSITIONS);
    assertThatThrownBy(
            () -> PcaEmbeddings.project(wide, Map.of(WORDS, 30, POSITIONS, 4, TYPES, 2), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(POSITIONS);
  }

  @Test
  void bertTinyDensePcaIsBertTinyDenseWithTheWideModelsEmbeddingsProjected() throws Exception {
    // A wide model of the default vocabulary whose embeddings lie in 100 of 130 dimensions, its
    // names with the "bert." prefix: the tiny model's 128-wide tables keep their inner products;
    // every other weight is the one bert-tiny-dense draws with the same seed.
    Random random = new Random(12);
    double[][] basis = orthonormalBasis(100, 130, random);
    Map<String, Tensor> wide = new HashMap<>();
    wide.put(WORDS, lowRank(WORDS, 30522, 130, basis, random));
    wide.put(POSITIONS, lowRank(POSITIONS, 512, 130, basis, random));
    wide.put(TYPES, lowRank(TYPES, 2, 130, basis, random));
    Path wideFile = dir.resolve("wide.safetensors");
    Safetensors.write(
        wideFile, wide.values().stream().map(t -> t.withName("bert." + t.name())).toList());

    Path pca = InitialModel.write("bert-tiny-dense-pca", 42, dir.resolve("pca"), wideFile);
    Path plain = InitialModel.write("bert-tiny-dense", 42, dir.resolve("plain"), null);
    Map<String, Tensor> p = Safetensors.read(pca.resolve("model.safetensors"));
    Map<String, Tensor> q = Safetensors.read(plain.resolve("model.safetensors"));
    assertThat(p.keySet()).isEqualTo(q.keySet());
    for (String name : q.keySet()) {
      if (!PcaEmbeddings.TABLES.contains(name)) {
        assertThat(p.get(name)).as(name).isEqualTo(q.get(name));
      }
    }
    Tensor words = p.get(WORDS);
    Tensor positions = p.get(POSITIONS);
    assertThat(words.shape()).containsExactly(30522, 128);
    assertThat(positions.shape()).containsExactly(512, 128);
    for (int a = 0; a < 30522; a += 997) {
      for (int b = 1; b < 30522; b += 1999) {
        assertThat(dot(words, a, words, b))
            .isCloseTo(dot(wide.get(WORDS), a, wide.get(WORDS), b), Offset.offset(1e-3));
      }
      assertThat(dot(words, a, positions, a % 512))
          .isCloseTo(dot(wide.get(WORDS), a, wide.get(POSITIONS), a % 512), Offset.offset(1e-3));
    }
    assertThat(Safetensors.read(pca.resolve("2_Dense/model.safetensors")))
        .isEqualTo(Safetensors.read(plain.resolve("2_Dense/model.safetensors")));
  }
}
