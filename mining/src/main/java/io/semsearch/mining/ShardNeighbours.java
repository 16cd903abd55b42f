package io.semsearch.mining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;

/**
 * {@link ApproximateParaphraseMiner}'s steps 1 and 2 on one shard of the vectors, for runs that
 * spread approximate mining over machines: an HNSW graph over the shard's vectors only, searched by
 * every vector of the run; each row's best matches in the shard under the miner's rules (unit rows,
 * siblings filtered during the search, hits rescored by a float dot product, ties by the smaller
 * column).
 *
 * <p>Strategy: the order of matches is total, so a row's best {@code places} over all vectors are
 * the best of its best {@code places} in each shard ({@link BlockMatches#keepBest} merges them);
 * only the graph's approximation differs from one graph over everything. Handed to a {@link
 * PairQueue} by row, then column, the merged matches give the approximate miner's pairs up to its
 * recall.
 */
public final class ShardNeighbours {

  /** Rows searched, then handed on, at a time (bounds the memory of the kept matches). */
  private static final int BLOCK = 1024;

  private final MiningInput input;
  private final int[] members;
  private final List<float[]> rows;
  private final OnHeapHnswGraph graph;

  private ShardNeighbours(
      MiningInput input, int[] members, List<float[]> rows, OnHeapHnswGraph graph) {
    this.input = input;
    this.members = members;
    this.rows = rows;
    this.graph = graph;
  }

  /**
   * Builds the graph of the shard {@code members} (indexes into {@code vectors}) on one thread with
   * the miner's fixed seed, so that the same shard always gives the same graph.
   *
   * @param vectors every vector of the run (normalized here, as the miner does)
   * @param groups the group of each vector
   * @throws IllegalArgumentException for bad vectors or groups, a member out of range, or an HNSW
   *     setting out of the miner's range
   */
  public static ShardNeighbours build(
      float[][] vectors, int[] groups, int[] members, int hnswM, int beamWidth) {
    // validates the settings as the miner does
    new ApproximateParaphraseMiner(MiningSettings.defaults(), hnswM, beamWidth, 1, 1);
    MiningInput input = MiningInput.of(vectors, groups);
    Objects.requireNonNull(members, "members");
    List<float[]> rows = new ArrayList<>(members.length);
    for (int m : members) {
      if (m < 0 || m >= input.size) {
        throw new IllegalArgumentException(
            "shard member " + m + " is not a vector of the run (0.." + (input.size - 1) + ")");
      }
      rows.add(input.row(m));
    }
    try {
      RandomVectorScorerSupplier scorers =
          FlatVectorScorerUtil.getLucene99FlatVectorsScorer()
              .getRandomVectorScorerSupplier(
                  VectorSimilarityFunction.DOT_PRODUCT,
                  FloatVectorValues.fromFloats(rows, Math.max(1, input.dimension)));
      HnswGraphBuilder builder =
          HnswGraphBuilder.create(scorers, hnswM, beamWidth, ApproximateParaphraseMiner.GRAPH_SEED);
      for (int i = 0; i < rows.size(); i++) {
        builder.addGraphNode(i);
      }
      return new ShardNeighbours(input, members.clone(), rows, builder.getCompletedGraph());
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory HNSW graph failed: " + e.getMessage(), e);
    }
  }

  /**
   * Searches the shard for every vector of the run with breadth {@code max(numCandidates, places)}
   * and hands each row's best {@code places} admissible matches in the shard to {@code sink}, rows
   * in order, each row's matches by column; the row itself is among them when it is in the shard.
   *
   * @param places {@code min(topK + 1, N)}, as the miner keeps per row
   */
  public void search(int places, int numCandidates, BlockMatches.Sink sink) {
    Objects.requireNonNull(sink, "sink");
    if (places < 1 || numCandidates < 1) {
      throw new IllegalArgumentException(
          "places and candidates must be at least 1, got: " + places + ", " + numCandidates);
    }
    if (members.length == 0) {
      return;
    }
    int breadth = Math.max(numCandidates, places);
    FloatVectorValues values = FloatVectorValues.fromFloats(rows, input.dimension);
    try {
      for (int from = 0; from < input.size; from += BLOCK) {
        int to = Math.min(input.size, from + BLOCK);
        RowTopK top = new RowTopK(from, to - from, Math.min(places, members.length));
        for (int i = from; i < to; i++) {
          float[] query = input.row(i);
          RandomVectorScorer scorer =
              FlatVectorScorerUtil.getLucene99FlatVectorsScorer()
                  .getRandomVectorScorer(VectorSimilarityFunction.DOT_PRODUCT, values, query);
          KnnCollector hits =
              HnswGraphSearcher.search(
                  scorer, breadth, graph, new Admissible(i), Integer.MAX_VALUE);
          for (ScoreDoc hit : hits.topDocs().scoreDocs) {
            top.offer(i - from, VectorUtil.dotProduct(query, rows.get(hit.doc)), members[hit.doc]);
          }
        }
        top.drainTo(sink::accept);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory HNSW search failed: " + e.getMessage(), e);
    }
  }

  /** Accepts the shard's vectors that are not siblings of one query row. */
  private final class Admissible implements Bits {
    private final int query;

    Admissible(int query) {
      this.query = query;
    }

    @Override
    public boolean get(int ordinal) {
      return input.admissible(query, members[ordinal]);
    }

    @Override
    public int length() {
      return members.length;
    }
  }
}
