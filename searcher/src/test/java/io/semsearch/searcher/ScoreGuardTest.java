package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.index.IndexCorruptedException;
import java.nio.file.Path;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.junit.jupiter.api.Test;

class ScoreGuardTest {

  private static final Path INDEX = Path.of("some-index");

  @Test
  void scoresACosineCanGivePassRoundingIncluded() throws Exception {
    ScoreGuard guard = new ScoreGuard(INDEX, VectorSimilarityFunction.DOT_PRODUCT);
    assertThat(guard.check(1.0)).isEqualTo(1.0);
    assertThat(guard.check(-1.0)).isEqualTo(-1.0);
    assertThat(guard.check(0.25)).isEqualTo(0.25);
    // half-precision normalization leaves norms a few 1e-4 off 1
    assertThat(guard.check(1.0002)).isEqualTo(1.0002);
  }

  @Test
  void aScoreNoCosineCanGiveIsCorruptionNamingTheIndex() {
    for (VectorSimilarityFunction similarity :
        new VectorSimilarityFunction[] {
          VectorSimilarityFunction.DOT_PRODUCT, VectorSimilarityFunction.COSINE
        }) {
      ScoreGuard guard = new ScoreGuard(INDEX, similarity);
      for (double score : new double[] {288.22, -3, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
        assertThatThrownBy(() -> guard.check(score))
            .isInstanceOf(IndexCorruptedException.class)
            .hasMessageStartingWith("index corrupted: some-index: a passage scored")
            .hasMessageContaining("outside [-1, 1]")
            .hasMessageContaining("semsearch check --index some-index");
      }
    }
  }

  @Test
  void unboundedSimilaritiesAreNotChecked() throws Exception {
    ScoreGuard guard = new ScoreGuard(INDEX, VectorSimilarityFunction.EUCLIDEAN);
    assertThat(guard.check(288.22)).isEqualTo(288.22);
  }
}
