package io.semsearch.spark;

import io.semsearch.mining.ApproximateParaphraseMiner;
import io.semsearch.mining.BlockMatches;
import io.semsearch.mining.MiningSettings;
import io.semsearch.mining.PairQueue;
import io.semsearch.mining.ShardNeighbours;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Approximate paraphrase mining over passage vectors ({@link PassageVectors#SCHEMA}) for inputs
 * where even blocks of the N x N product are too much work: the semantics of {@link
 * ApproximateParaphraseMiner}, with its HNSW graph cut into shards.
 *
 * <p>Strategy:
 *
 * <ol>
 *   <li>Passages are numbered and grouped by document as for the exact Spark miner ({@link
 *       NumberedPassages}); the unit vectors go to every executor (a broadcast).
 *   <li>Vector i belongs to shard {@code i % shards}. One task per shard builds an HNSW graph over
 *       its vectors ({@link ShardNeighbours}: the miner's M, beam and fixed seed) and every vector
 *       of the run searches it, siblings filtered, hits rescored exactly: each row's best {@code
 *       min(topK + 1, N)} matches in the shard.
 *   <li>A row's matches from all shards are merged to its best {@code min(topK + 1, N)} ({@link
 *       BlockMatches#keepBest}; the order of matches is total, so this is the best over all
 *       vectors, up to the graphs' recall).
 *   <li>As in the exact Spark miner, only matches that can enter the pair queue reach the driver;
 *       they enter a {@link PairQueue} by row, then column, as the single-machine approximate miner
 *       offers them, with the same threshold, bound, direction and group rules.
 * </ol>
 *
 * <p>Cost: each shard's graph is built once; every vector searches every shard, so a search costs
 * {@code shards} graph searches of {@code N / shards} vectors. Memory: every executor (and the
 * driver) holds the N unit vectors, N x dimension floats, plus its shard's graph.
 *
 * @param topK matches kept per vector
 * @param maxPairs bound on the pairs ({@link MiningSettings#maxPairs()})
 * @param threshold pairs under it are dropped
 * @param shards graphs the vectors are cut into (tasks)
 * @param hnswM HNSW connections per node
 * @param beamWidth HNSW build breadth
 * @param numCandidates breadth of each search (raised to {@code topK + 1})
 */
public record SparkApproximateMineJob(
    int topK,
    int maxPairs,
    double threshold,
    int shards,
    int hnswM,
    int beamWidth,
    int numCandidates)
    implements Serializable {

  private static final Logger LOG = LoggerFactory.getLogger(SparkApproximateMineJob.class);

  /** Validates the values, naming the bad one. */
  public SparkApproximateMineJob {
    new MiningSettings(topK, maxPairs, threshold, 1, 1);
    new ApproximateParaphraseMiner(MiningSettings.defaults(), hnswM, beamWidth, numCandidates, 1);
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1, got: " + shards);
    }
  }

  /** The settings of the single-machine approximate miner these pairs mirror. */
  public MiningSettings settings() {
    return MiningSettings.defaults().withTopK(topK).withMaxPairs(maxPairs).withThreshold(threshold);
  }

  /** Mines the Parquet passage vectors at {@code vectors} and writes the pairs as Parquet. */
  public List<SparkMineJob.DocumentPair> run(SparkSession spark, String vectors, String output) {
    List<SparkMineJob.DocumentPair> pairs = mine(spark, spark.read().parquet(vectors));
    SparkMineJob.write(spark, pairs, output);
    return pairs;
  }

  /** The pairs among {@code passages}, best first, then by first and second document. */
  public List<SparkMineJob.DocumentPair> mine(SparkSession spark, Dataset<Row> passages) {
    long start = System.nanoTime();
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    NumberedPassages numbered = NumberedPassages.of(passages);
    try {
      int[] groups = numbered.groups();
      float[][] vectors = new float[groups.length][];
      for (Tuple2<Integer, float[]> t :
          numbered.members().mapToPair(m -> new Tuple2<>(m.index(), m.vector())).collect()) {
        vectors[t._1()] = t._2();
      }
      Broadcast<float[][]> sharedVectors = context.broadcast(vectors);
      Broadcast<int[]> sharedGroups = context.broadcast(groups);
      int n = groups.length;
      int places = Math.min(topK + 1, n);
      List<Integer> shardIds = IntStream.range(0, shards).boxed().toList();
      JavaRDD<Match> perShard =
          context
              .parallelize(shardIds, shards)
              .flatMap(s -> shardMatches(s, sharedVectors.value(), sharedGroups.value(), places));
      JavaRDD<Match> merged =
          perShard
              .mapToPair(m -> new Tuple2<>(m.row(), m))
              .groupByKey()
              .flatMap(
                  t -> {
                    List<Match> all = new ArrayList<>();
                    t._2().forEach(all::add);
                    return Match.keepBest(t._1(), all, places).iterator();
                  });
      List<Match> matches = SparkMineJob.queueable(merged, threshold, maxPairs);
      matches.sort(Comparator.comparingInt(Match::row).thenComparingInt(Match::column));
      List<SparkMineJob.DocumentPair> result =
          numbered.queuedPairs(matches, groups, settings(), spark);
      sharedVectors.destroy();
      sharedGroups.destroy();
      LOG.info(
          "mined {} vectors approximately in {} shards: {} candidate matches at the driver, {}"
              + " pairs in {} s",
          n,
          shards,
          matches.size(),
          result.size(),
          (System.nanoTime() - start) / 1_000_000_000L);
      return result;
    } finally {
      numbered.unpersist();
    }
  }

  /** Step 2 on one shard. */
  private Iterator<Match> shardMatches(int shard, float[][] vectors, int[] groups, int places) {
    int[] members = IntStream.range(0, vectors.length).filter(i -> i % shards == shard).toArray();
    List<Match> out = new ArrayList<>();
    ShardNeighbours.build(vectors, groups, members, hnswM, beamWidth)
        .search(
            places, numCandidates, (row, column, score) -> out.add(new Match(row, column, score)));
    return out.iterator();
  }
}
