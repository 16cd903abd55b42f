package io.semsearch.spark;

import io.semsearch.mining.BlockMatches;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A directed match of a mining run: vector {@code row}'s match with vector {@code column}.
 *
 * @param row the vector's index in the run
 * @param column the matched vector's index
 * @param score their cosine similarity
 */
record Match(int row, int column, float score) implements Serializable {

  /** The best {@code places} of one row's matches ({@link BlockMatches#keepBest}), by column. */
  static List<Match> keepBest(int row, List<Match> all, int places) {
    int[] columns = new int[all.size()];
    float[] scores = new float[all.size()];
    for (int m = 0; m < all.size(); m++) {
      columns[m] = all.get(m).column();
      scores[m] = all.get(m).score();
    }
    List<Match> kept = new ArrayList<>();
    BlockMatches.keepBest(
        row, columns, scores, places, (r, column, score) -> kept.add(new Match(r, column, score)));
    return kept;
  }
}
