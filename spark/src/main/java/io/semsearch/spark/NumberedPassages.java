package io.semsearch.spark;

import io.semsearch.mining.MiningSettings;
import io.semsearch.mining.PairQueue;
import io.semsearch.mining.ParaphrasePair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The passage vectors of a mining run, numbered: passages ordered by (id, passage) are vectors 0 to
 * N - 1, and the group of a passage is its document, named by the number of the document's first
 * passage, so that pairs are between documents, each at its best passage pair. Shared by the exact
 * and the approximate Spark miners; both RDDs are persisted until {@link #unpersist}.
 *
 * @param numbered each passage row with its number
 * @param firstPassage each document id with the number of its first passage
 * @param members each vector with its number and group
 */
record NumberedPassages(
    JavaPairRDD<Row, Long> numbered,
    JavaPairRDD<String, Integer> firstPassage,
    JavaRDD<Band.Member> members) {

  /** Numbers {@code passages} ({@link PassageVectors#SCHEMA}). */
  static NumberedPassages of(Dataset<Row> passages) {
    JavaPairRDD<Row, Long> numbered =
        passages
            .select(PassageVectors.ID, PassageVectors.PASSAGE, PassageVectors.VECTOR)
            .orderBy(PassageVectors.ID, PassageVectors.PASSAGE)
            .javaRDD()
            .zipWithIndex()
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaPairRDD<String, Integer> firstPassage =
        numbered
            .mapToPair(t -> new Tuple2<>(t._1().getString(0), Math.toIntExact(t._2())))
            .reduceByKey(Math::min);
    JavaRDD<Band.Member> members =
        numbered
            .mapToPair(t -> new Tuple2<>(t._1().getString(0), t))
            .join(firstPassage)
            .values()
            .map(
                t ->
                    new Band.Member(
                        Math.toIntExact(t._1()._2()), t._2(), vector(t._1()._1().getList(2))))
            .persist(StorageLevel.MEMORY_AND_DISK());
    return new NumberedPassages(numbered, firstPassage, members);
  }

  private static float[] vector(List<Float> values) {
    float[] v = new float[values.size()];
    for (int d = 0; d < v.length; d++) {
      v[d] = values.get(d);
    }
    return v;
  }

  /** {@code groups[i]}: the group of vector i, collected on the driver (4 bytes a vector). */
  int[] groups() {
    List<Long> packed =
        members.map(m -> ((long) m.index() << 32) | (m.group() & 0xFFFF_FFFFL)).collect();
    int[] groups = new int[packed.size()];
    for (long p : packed) {
      groups[(int) (p >>> 32)] = (int) p;
    }
    return groups;
  }

  /**
   * The document pairs that stay in the local miners' pair queue ({@link PairQueue} under {@code
   * settings}, over vector groups {@code groups}) when {@code matches} are offered in their order:
   * how both Spark miners end.
   */
  List<SparkMineJob.DocumentPair> queuedPairs(
      List<Match> matches, int[] groups, MiningSettings settings, SparkSession spark) {
    PairQueue queue = new PairQueue(groups, settings);
    for (Match m : matches) {
      queue.offer(m.score(), m.row(), m.column());
    }
    return name(queue.result(), spark);
  }

  /** The queue's group pairs as document id pairs. */
  List<SparkMineJob.DocumentPair> name(List<ParaphrasePair> pairs, SparkSession spark) {
    Set<Integer> wanted = new HashSet<>();
    for (ParaphrasePair p : pairs) {
      wanted.add(p.first());
      wanted.add(p.second());
    }
    Broadcast<Set<Integer>> shared =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(wanted);
    Map<Integer, String> ids =
        firstPassage
            .filter(t -> shared.value().contains(t._2()))
            .mapToPair(Tuple2::swap)
            .collectAsMap();
    List<SparkMineJob.DocumentPair> named = new ArrayList<>(pairs.size());
    for (ParaphrasePair p : pairs) {
      named.add(new SparkMineJob.DocumentPair(ids.get(p.first()), ids.get(p.second()), p.score()));
    }
    return named;
  }

  void unpersist() {
    members.unpersist();
    numbered.unpersist();
  }
}
