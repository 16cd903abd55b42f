package io.semsearch.spark;

import io.semsearch.indexer.input.BadRecord;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusOptions;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;

/**
 * Reads a corpus from any Hadoop path (local, HDFS, S3, ...) into documents.
 *
 * <ul>
 *   <li>JSON Lines (any path not ending in {@code .parquet}, compressed or not, a folder of parts
 *       too): each line is parsed by the indexer's reader ({@link CorpusReader#parseJsonLine}), so
 *       ids, texts and bad records follow {@code semsearch index}'s rules. Bad records are counted
 *       and skipped, or fail the job with {@code strict}.
 *   <li>Parquet (a path ending in {@code .parquet}): the id and text columns named by the options
 *       (strings or numbers); rows with a missing id or a blank text are skipped and counted.
 * </ul>
 *
 * @param idField the id field or column
 * @param textField the text field or column
 * @param strict whether a bad record fails the job
 */
public record CorpusInput(String idField, String textField, boolean strict)
    implements Serializable {

  /** {@code semsearch index}'s defaults: fields id and text, bad records skipped. */
  public static CorpusInput defaults() {
    return new CorpusInput(CorpusOptions.DEFAULT_ID_FIELD, CorpusOptions.DEFAULT_TEXT_FIELD, false);
  }

  /** The documents at {@code path}; {@code badRecords} counts those skipped. */
  public JavaRDD<SourceDocument> read(SparkSession spark, String path, LongAccumulator badRecords) {
    if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
      return readParquet(spark, path, badRecords);
    }
    Dataset<Row> lines =
        spark
            .read()
            .text(path)
            .withColumn("file", functions.input_file_name())
            .filter(functions.trim(functions.col("value")).notEqual(""));
    boolean failOnBad = strict;
    String id = idField;
    String text = textField;
    return lines
        .javaRDD()
        .flatMap(
            row -> {
              CorpusOptions options = CorpusOptions.defaults().withIdField(id).withTextField(text);
              CorpusRecord record =
                  CorpusReader.parseJsonLine(row.getString(0), row.getString(1), options);
              List<SourceDocument> documents =
                  switch (record) {
                    case CorpusDocument doc ->
                        List.of(
                            new SourceDocument(doc.id(), doc.title(), doc.text(), doc.metadata()));
                    case BadRecord bad -> skip(bad.message(), failOnBad, badRecords);
                  };
              return documents.iterator();
            });
  }

  private JavaRDD<SourceDocument> readParquet(
      SparkSession spark, String path, LongAccumulator badRecords) {
    boolean failOnBad = strict;
    Dataset<Row> rows =
        spark
            .read()
            .parquet(path)
            .select(
                functions.col(idField).cast("string").as("id"),
                functions.col(textField).cast("string").as("text"));
    String source = path;
    return rows.javaRDD()
        .flatMap(
            row -> {
              String id = row.getString(0);
              String text = row.getString(1);
              if (id == null || id.isBlank() || text == null || text.isBlank()) {
                return skip(
                        source + ": a row with a missing id or an empty text (id " + id + ")",
                        failOnBad,
                        badRecords)
                    .iterator();
              }
              return List.of(new SourceDocument(id, text)).iterator();
            });
  }

  private static List<SourceDocument> skip(
      String what, boolean failOnBad, LongAccumulator badRecords) {
    if (failOnBad) {
      throw new IllegalArgumentException("bad record: " + what);
    }
    badRecords.add(1);
    return List.of();
  }
}
