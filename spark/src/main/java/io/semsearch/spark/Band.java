package io.semsearch.spark;

import io.semsearch.mining.BlockMatches;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A band of consecutive vectors of a mining run: one side of a block of the N x N product. Bands
 * never straddle two corpus chunks.
 *
 * @param vectors the vectors, by index
 * @param indexes their indexes in the run, ascending
 * @param groups their groups (documents)
 */
record Band(float[][] vectors, int[] indexes, int[] groups) implements Serializable {

  /** One vector of the run with its index and group. */
  record Member(int index, int group, float[] vector) implements Serializable {}

  /** The band of {@code members}, sorted by index. */
  static Band of(Iterable<Member> members) {
    List<Member> sorted = new ArrayList<>();
    members.forEach(sorted::add);
    sorted.sort(Comparator.comparingInt(Member::index));
    float[][] vectors = new float[sorted.size()][];
    int[] indexes = new int[sorted.size()];
    int[] groups = new int[sorted.size()];
    for (int m = 0; m < sorted.size(); m++) {
      vectors[m] = sorted.get(m).vector();
      indexes[m] = sorted.get(m).index();
      groups[m] = sorted.get(m).group();
    }
    return new Band(vectors, indexes, groups);
  }

  /** The band as the miner's block side. */
  BlockMatches.Side side() {
    return new BlockMatches.Side(vectors, indexes, groups);
  }

  int first() {
    return indexes[0];
  }
}
