package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.SimilarityKernel.Columns;
import io.semsearch.encoder.SimilarityKernel.RowMatches;
import io.semsearch.encoder.SimilarityKernel.Session;
import io.semsearch.encoder.engine.SentenceEncoders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CPU kernel's tiles and per-row best matches against a plain double loop over random unit
 * vectors: scores within {@value #TOLERANCE}, never compared for equality.
 */
class TorchSimilarityKernelTest {

  private static final int COUNT = 70;
  private static final int DIM = 16;
  private static final double TOLERANCE = 1e-5;

  private static final SimilarityKernel CPU = SentenceEncoders.similarityKernel(DeviceSpec.CPU);

  /** COUNT random unit vectors of DIM floats, row-major. */
  private static float[] unitRows(long seed) {
    Random random = new Random(seed);
    float[] rows = new float[COUNT * DIM];
    for (int i = 0; i < COUNT; i++) {
      double norm = 0;
      double[] v = new double[DIM];
      for (int d = 0; d < DIM; d++) {
        v[d] = random.nextGaussian();
        norm += v[d] * v[d];
      }
      for (int d = 0; d < DIM; d++) {
        rows[i * DIM + d] = (float) (v[d] / Math.sqrt(norm));
      }
    }
    return rows;
  }

  /** The reference: the dot product of rows i and j in double. */
  private static double dot(float[] rows, int i, int j) {
    double sum = 0;
    for (int d = 0; d < DIM; d++) {
      sum += (double) rows[i * DIM + d] * rows[j * DIM + d];
    }
    return sum;
  }

  private static void assertTileMatches(
      Session session, float[] rows, int aFrom, int aTo, int bFrom, int bTo) {
    int width = bTo - bFrom;
    session.tile(
        aFrom,
        aTo,
        bFrom,
        bTo,
        view -> {
          assertThat(view.isReadOnly()).isTrue();
          assertThat(view.remaining()).isEqualTo((aTo - aFrom) * width);
          for (int i = aFrom; i < aTo; i++) {
            for (int j = bFrom; j < bTo; j++) {
              assertThat((double) view.get((i - aFrom) * width + (j - bFrom)))
                  .as("score of rows %d and %d", i, j)
                  .isCloseTo(dot(rows, i, j), within(TOLERANCE));
            }
          }
        });
  }

  @Test
  void tilesAreTheDotProductsOfTheirRowsAndColumns() {
    float[] rows = unitRows(1);
    try (Session session = CPU.open(rows, DIM)) {
      assertTileMatches(session, rows, 0, 20, 0, 20); // diagonal: one copy of the rows
      assertTileMatches(session, rows, 5, 29, 40, 67); // off-diagonal, of unequal sides
      assertTileMatches(session, rows, 40, 67, 5, 29); // its transpose
      assertTileMatches(session, rows, 0, 20, 0, 35); // same first row, not the same range
      assertTileMatches(session, rows, COUNT - 1, COUNT, 0, COUNT); // the last row against all
    }
  }

  @Test
  void bestKeepsEachRowsHighestScoringColumns() {
    float[] rows = unitRows(2);
    int first = 10;
    int last = 60;
    int k = 7;
    try (Session session = CPU.open(rows, DIM);
        Columns columns = session.columns(first, last)) {
      RowMatches best = columns.best(3, 45, k);
      assertThat(best.k()).isEqualTo(k);
      for (int r = 0; r < 45 - 3; r++) {
        int i = 3 + r;
        // the reference: every column by score descending, then by the smaller index
        List<Integer> ranked = new ArrayList<>();
        for (int j = first; j < last; j++) {
          ranked.add(j);
        }
        ranked.sort(
            Comparator.comparingDouble((Integer j) -> -dot(rows, i, j)).thenComparingInt(j -> j));
        double kth = dot(rows, i, ranked.get(k - 1));
        double next = dot(rows, i, ranked.get(k));
        Set<Integer> found = new HashSet<>();
        for (int p = 0; p < k; p++) {
          int j = best.row(r, p);
          assertThat(j).as("row %d's match %d", i, p).isBetween(first, last - 1);
          assertThat((double) best.score(r, p))
              .as("score of rows %d and %d", i, j)
              .isCloseTo(dot(rows, i, j), within(TOLERANCE));
          assertThat(dot(rows, i, j)).isGreaterThanOrEqualTo(kth - TOLERANCE);
          found.add(j);
        }
        assertThat(found).as("row %d's matches are distinct", i).hasSize(k);
        if (kth - next > 2 * TOLERANCE) { // no tie at the boundary: the set is determined
          assertThat(found).containsExactlyInAnyOrderElementsOf(ranked.subList(0, k));
        }
      }
    }
  }

  @Test
  void bestOverEveryColumnReturnsThemAll() {
    float[] rows = unitRows(3);
    try (Session session = CPU.open(rows, DIM);
        Columns columns = session.columns(0, COUNT)) {
      RowMatches best = columns.best(0, 2, COUNT);
      for (int r = 0; r < 2; r++) {
        Set<Integer> found = new HashSet<>();
        for (int p = 0; p < COUNT; p++) {
          found.add(best.row(r, p));
          assertThat((double) best.score(r, p))
              .isCloseTo(dot(rows, r, best.row(r, p)), within(TOLERANCE));
        }
        assertThat(found).hasSize(COUNT);
      }
    }
  }

  @Test
  void badRangesAndSizesAreRefusedNamingThem() {
    try (Session session = CPU.open(unitRows(4), DIM);
        Columns columns = session.columns(0, 10)) {
      assertThatThrownBy(() -> session.tile(3, 3, 0, 5, view -> {}))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessage("empty row range [3, 3)");
      assertThatThrownBy(() -> session.tile(0, 5, 60, COUNT + 1, view -> {}))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> columns.best(0, 5, 11))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("k must be in 1..10, got: 11");
    }
    assertThatThrownBy(() -> CPU.open(new float[10], 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dimension must be at least 1 and divide the 10 floats of the matrix, got: 3");
    assertThatThrownBy(() -> CPU.setIntraOpThreads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads must be at least 1, got: 0");
  }

  @Test
  void intraOpThreadsAreSetAndRestored() {
    int before = CPU.intraOpThreads();
    try {
      CPU.setIntraOpThreads(2);
      assertThat(CPU.intraOpThreads()).isEqualTo(2);
    } finally {
      CPU.setIntraOpThreads(before);
    }
    assertThat(CPU.intraOpThreads()).isEqualTo(before);
  }

  @Test
  void theCpuIsNotAnAcceleratorAndAnAbsentGpuIsRefused() {
    assertThat(CPU.accelerated()).isFalse();
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    assertThatThrownBy(() -> SentenceEncoders.similarityKernel(DeviceSpec.parse("gpu:" + gpus)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "device gpu:" + gpus + " requested but the PyTorch engine sees " + gpus + " GPU(s)");
  }
}
