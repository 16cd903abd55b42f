package io.semsearch.mining;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Plain-loop reference for the miners, written apart from them: double-precision cosines of every
 * pair, sentence-transformers' per-corpus-chunk top-k, and its maxPairs rule stated as "the {@code
 * maxPairs - 1} largest directed (score, i, j) tuples" (what its heap keeps when no two distinct
 * pairs tie at the cut-off, true of random data).
 */
final class BruteForceMining {

  private BruteForceMining() {}

  static List<ParaphrasePair> mine(float[][] vectors, int[] groups, MiningSettings settings) {
    int n = vectors.length;
    double[][] scores = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scores[i][j] = cosine(vectors[i], vectors[j]);
      }
    }
    // 1. per vector and corpus chunk, the best min(topK + 1, width) non-siblings (self included)
    List<double[]> candidates = new ArrayList<>(); // {score, i, j}
    for (int chunkStart = 0; chunkStart < n; chunkStart += settings.corpusChunkSize()) {
      int chunkEnd = Math.min(n, chunkStart + settings.corpusChunkSize());
      int places = Math.min(settings.topK() + 1, chunkEnd - chunkStart);
      for (int i = 0; i < n; i++) {
        List<Integer> row = new ArrayList<>();
        for (int j = chunkStart; j < chunkEnd; j++) {
          if (j == i || groups[j] != groups[i]) {
            row.add(j);
          }
        }
        int query = i;
        row.sort(
            Comparator.<Integer>comparingDouble(j -> -scores[query][j]).thenComparingInt(j -> j));
        for (int t = 0; t < Math.min(places, row.size()); t++) {
          int j = row.get(t);
          // 2. no self pairs, threshold, and sentence-transformers' starting floor of -1
          if (j != i && scores[i][j] >= settings.threshold() && scores[i][j] > -1) {
            candidates.add(new double[] {scores[i][j], i, j});
          }
        }
      }
    }
    // 3. the heap: all candidates while fewer than maxPairs arrive, else the maxPairs - 1 largest
    candidates.sort(
        Comparator.<double[]>comparingDouble(c -> c[0])
            .thenComparingDouble(c -> c[1])
            .thenComparingDouble(c -> c[2]));
    if (candidates.size() >= settings.maxPairs()) {
      candidates =
          candidates.subList(candidates.size() - (settings.maxPairs() - 1), candidates.size());
    }
    // 4. one entry per vector pair, then the best per group pair
    Map<List<Integer>, Double> best = new HashMap<>();
    for (double[] c : candidates) {
      int gi = groups[(int) c[1]];
      int gj = groups[(int) c[2]];
      best.merge(List.of(Math.min(gi, gj), Math.max(gi, gj)), c[0], Math::max);
    }
    List<ParaphrasePair> pairs = new ArrayList<>();
    best.forEach((key, score) -> pairs.add(new ParaphrasePair(score, key.get(0), key.get(1))));
    pairs.sort(
        Comparator.comparingDouble(ParaphrasePair::score)
            .reversed()
            .thenComparingInt(ParaphrasePair::first)
            .thenComparingInt(ParaphrasePair::second));
    return pairs;
  }

  static List<ParaphrasePair> mine(float[][] vectors, MiningSettings settings) {
    int[] identity = new int[vectors.length];
    for (int i = 0; i < identity.length; i++) {
      identity[i] = i;
    }
    return mine(vectors, identity, settings);
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int d = 0; d < a.length; d++) {
      dot += (double) a[d] * b[d];
      na += (double) a[d] * a[d];
      nb += (double) b[d] * b[d];
    }
    return dot / Math.sqrt(na * nb);
  }

  /**
   * {@code count} random vectors around {@code clusters} centres (spread {@code spread}), not unit
   * length, with every fifth vector followed by a near-duplicate of itself.
   */
  static float[][] clustered(Random random, int count, int dimension, int clusters, double spread) {
    float[][] centres = new float[clusters][dimension];
    for (float[] centre : centres) {
      for (int d = 0; d < dimension; d++) {
        centre[d] = (float) random.nextGaussian();
      }
    }
    float[][] vectors = new float[count][];
    for (int i = 0; i < count; i++) {
      float[] v = new float[dimension];
      if (i % 5 == 1) {
        for (int d = 0; d < dimension; d++) {
          v[d] = (float) (vectors[i - 1][d] * 1.5 + random.nextGaussian() * 0.02);
        }
      } else {
        float[] centre = centres[random.nextInt(clusters)];
        for (int d = 0; d < dimension; d++) {
          v[d] = (float) (centre[d] + random.nextGaussian() * spread);
        }
      }
      vectors[i] = v;
    }
    return vectors;
  }

  /** Groups of 1 to 4 consecutive vectors, with shuffled, gappy ids. */
  static int[] randomGroups(Random random, int count) {
    int[] groups = new int[count];
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < count; id++) {
      ids.add(3 * id + 7);
    }
    Collections.shuffle(ids, random);
    int next = 0;
    for (int i = 0; i < count; ) {
      int size = 1 + random.nextInt(4);
      for (int t = 0; t < size && i < count; t++, i++) {
        groups[i] = ids.get(next);
      }
      next++;
    }
    return groups;
  }
}
