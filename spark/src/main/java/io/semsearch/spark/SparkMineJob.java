package io.semsearch.spark;

import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.mining.BlockMatches;
import io.semsearch.mining.MiningSettings;
import io.semsearch.mining.PairQueue;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Exact paraphrase mining over passage vectors ({@link PassageVectors#SCHEMA}), on blocks of the N
 * x N product, with the pairs {@link io.semsearch.mining.ExactParaphraseMiner} returns for the same
 * vectors in the same order and the same settings.
 *
 * <p>Strategy:
 *
 * <ol>
 *   <li>Passages are numbered by (id, passage): vector i of the run. The group of a passage is its
 *       document, named by the number of the document's first passage, so pairs are between
 *       documents, each at its best passage pair (one passage per document: pairs of sentences).
 *   <li>Vectors are cut into bands of {@code bandSize}, never straddling a corpus chunk. Every pair
 *       of bands is a block, scored on an executor by the encoder's similarity kernel ({@link
 *       BlockMatches#best}): each row's best {@code min(topK + 1, chunk width)} matches in it.
 *   <li>When a corpus chunk holds several bands, a row's matches from the chunk's blocks are merged
 *       ({@link BlockMatches#keepBest}): the order of matches is total, so this is the chunk's
 *       top-k.
 *   <li>Only the matches that can enter the pair queue travel to the driver: those scoring at or
 *       above the {@code (maxPairs - 1)}-th best score (the queue keeps at most that many), so the
 *       driver holds about {@code maxPairs} matches whatever N is. They enter a {@link PairQueue}
 *       in the miner's order ({@link BlockMatches#offerOrder}); the queue merges directions and
 *       groups.
 * </ol>
 *
 * <p>Cost: every block is computed (not only the upper triangle, as the single-machine miner does
 * on the CPU), and each band travels to {@code N / bandSize} blocks. For inputs too big for that,
 * {@link SparkApproximateMineJob} shards HNSW graphs instead.
 *
 * @param topK matches kept per vector and corpus chunk ({@link MiningSettings#topK()})
 * @param maxPairs bound on the pairs ({@link MiningSettings#maxPairs()})
 * @param threshold pairs under it are dropped
 * @param corpusChunkSize the miner's corpus chunk size (it changes the result past it)
 * @param bandSize vectors per band: a block scores {@code bandSize x bandSize} pairs
 * @param device where blocks are scored: {@code auto} (the task's GPU if Spark gave it one), {@code
 *     cpu}, {@code gpu:N}
 */
public record SparkMineJob(
    int topK, int maxPairs, double threshold, int corpusChunkSize, int bandSize, String device)
    implements Serializable {

  private static final Logger LOG = LoggerFactory.getLogger(SparkMineJob.class);

  /** The schema of the pairs written: document ids and the pair's score. */
  public static final StructType PAIRS_SCHEMA =
      new StructType()
          .add("first", DataTypes.StringType, false)
          .add("second", DataTypes.StringType, false)
          .add("score", DataTypes.DoubleType, false);

  /** Validates the values through {@link MiningSettings}, naming the bad one. */
  public SparkMineJob {
    new MiningSettings(topK, maxPairs, threshold, 1, corpusChunkSize);
    if (bandSize < 1) {
      throw new IllegalArgumentException("band size must be at least 1, got: " + bandSize);
    }
    io.semsearch.encoder.DeviceSpec.parse(device);
  }

  /** sentence-transformers' defaults with bands of 4,096 vectors on the best device. */
  public static SparkMineJob defaults() {
    MiningSettings d = MiningSettings.defaults();
    return new SparkMineJob(
        d.topK(), d.maxPairs(), d.threshold(), d.corpusChunkSize(), 4096, "auto");
  }

  /** The settings of the single-machine miner these pairs equal. */
  public MiningSettings settings() {
    return new MiningSettings(
        topK, maxPairs, threshold, MiningSettings.DEFAULT_QUERY_CHUNK_SIZE, corpusChunkSize);
  }

  /**
   * A mined pair of documents.
   *
   * @param first the document whose first passage comes first in (id, passage) order
   * @param second the other document
   * @param score the cosine similarity of their best pair of passages
   */
  public record DocumentPair(String first, String second, double score) {}

  /** Mines the Parquet passage vectors at {@code vectors} and writes the pairs as Parquet. */
  public List<DocumentPair> run(SparkSession spark, String vectors, String output) {
    List<DocumentPair> pairs = mine(spark, spark.read().parquet(vectors));
    write(spark, pairs, output);
    return pairs;
  }

  /** Writes {@code pairs} as one Parquet file ({@link #PAIRS_SCHEMA}) at {@code output}. */
  static void write(SparkSession spark, List<DocumentPair> pairs, String output) {
    List<Row> rows = new ArrayList<>(pairs.size());
    for (DocumentPair p : pairs) {
      rows.add(RowFactory.create(p.first(), p.second(), p.score()));
    }
    spark
        .createDataFrame(rows, PAIRS_SCHEMA)
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(output);
  }

  /** The pairs among {@code passages}, best first, then by first and second document. */
  public List<DocumentPair> mine(SparkSession spark, Dataset<Row> passages) {
    long start = System.nanoTime();
    NumberedPassages numbered = NumberedPassages.of(passages);
    try {
      int[] groups = numbered.groups();
      List<Match> matches =
          survivors(
              JavaSparkContext.fromSparkContext(spark.sparkContext()),
              numbered.members(),
              groups.length);
      MiningSettings settings = settings();
      matches.sort(
          Comparator.comparing(
              m -> BlockMatches.offerOrder(settings, m.row(), m.column()), Arrays::compare));
      List<DocumentPair> result = numbered.queuedPairs(matches, groups, settings, spark);
      LOG.info(
          "mined {} vectors in blocks of {}: {} candidate matches at the driver, {} pairs in {} s",
          groups.length,
          bandSize,
          matches.size(),
          result.size(),
          (System.nanoTime() - start) / 1_000_000_000L);
      return result;
    } finally {
      numbered.unpersist();
    }
  }

  /** The matches that can enter the pair queue, as in the class comment (steps 2 to 4). */
  private List<Match> survivors(JavaSparkContext context, JavaRDD<Band.Member> members, int size) {
    int bandsPerChunk = Math.ceilDiv(corpusChunkSize, Math.min(bandSize, corpusChunkSize));
    int side = Math.min(bandSize, corpusChunkSize);
    JavaRDD<Band> bands =
        members
            .mapToPair(
                m -> {
                  long chunk = m.index() / corpusChunkSize;
                  long within = (m.index() % corpusChunkSize) / side;
                  return new Tuple2<>(chunk * bandsPerChunk + within, m);
                })
            .groupByKey()
            .values()
            .map(Band::of)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      JavaRDD<Match> matches =
          bands.cartesian(bands).flatMap(b -> block(b._1(), b._2(), size).iterator());
      if (bandsPerChunk > 1) {
        matches = mergeChunks(matches, size);
      }
      return queueable(matches, threshold, maxPairs);
    } finally {
      bands.unpersist();
    }
  }

  /** One block: each row's best matches among the columns, on the executor's kernel. */
  private List<Match> block(Band rows, Band columns, int size) {
    SimilarityKernel kernel = ExecutorEncoders.kernel(device);
    int previous = kernel.intraOpThreads();
    if (!kernel.accelerated()) {
      kernel.setIntraOpThreads(1); // one task per core: single-threaded products, as the miner
    }
    try {
      List<Match> out = new ArrayList<>();
      BlockMatches.best(
          kernel,
          rows.side(),
          columns.side(),
          BlockMatches.places(settings(), size, columns.first()),
          (row, column, score) -> out.add(new Match(row, column, score)));
      return out;
    } finally {
      kernel.setIntraOpThreads(previous);
    }
  }

  /** Each row's best matches per corpus chunk, from the chunk's several blocks. */
  private JavaRDD<Match> mergeChunks(JavaRDD<Match> matches, int size) {
    return matches
        .mapToPair(
            m ->
                new Tuple2<>(
                    ((long) m.row() << 32) | BlockMatches.chunkOf(settings(), m.column()), m))
        .groupByKey()
        .flatMap(
            t -> {
              List<Match> all = new ArrayList<>();
              t._2().forEach(all::add);
              int row = (int) (t._1() >>> 32);
              int places = BlockMatches.places(settings(), size, all.get(0).column());
              return Match.keepBest(row, all, places).iterator();
            });
  }

  /**
   * The matches of {@code matches} that can enter a queue of {@code maxPairs}
   * (sentence-transformers keeps at most {@code maxPairs - 1}): not a vector with itself, at or
   * above the threshold, and at or above the {@code (maxPairs - 1)}-th best score; collected on the
   * driver.
   */
  static List<Match> queueable(JavaRDD<Match> matches, double threshold, int maxPairs) {
    JavaRDD<Match> candidates =
        matches
            .filter(m -> m.row() != m.column() && m.score() >= threshold && m.score() > -1f)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int room = maxPairs - 1;
      if (room == 0) {
        return new ArrayList<>();
      }
      if (candidates.count() > room) {
        List<Float> best = candidates.map(Match::score).takeOrdered(room, new Descending());
        float cut = best.get(room - 1);
        return new ArrayList<>(candidates.filter(m -> m.score() >= cut).collect());
      }
      return new ArrayList<>(candidates.collect());
    } finally {
      candidates.unpersist();
    }
  }

  /** Scores from the highest, for {@code takeOrdered}. */
  private static final class Descending implements Comparator<Float>, Serializable {
    @Override
    public int compare(Float a, Float b) {
      return Float.compare(b, a);
    }
  }
}
