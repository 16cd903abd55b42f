package io.semsearch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.indexer.passage.Passage;
import io.semsearch.indexer.passage.PassageSettings;
import io.semsearch.indexer.passage.PassageSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkEncodeJobTest {

  @TempDir Path dir;

  /**
   * Short and long documents (the long ones split into several passages), ids as JSON writes them.
   */
  private static Map<String, String> corpus() {
    Map<String, String> docs = new LinkedHashMap<>();
    List<String> lines = FidelitySentences.varied(12, 7);
    for (int i = 0; i < lines.size(); i++) {
      docs.put("d" + i, lines.get(i));
    }
    docs.put("long-1", FidelitySentences.longText(600, 3));
    docs.put("42", FidelitySentences.longText(400, 5));
    return docs;
  }

  @Test
  void writesEveryPassageWithTheEncodersVector() throws IOException {
    Map<String, String> docs = corpus();
    List<String> lines = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    for (Map.Entry<String, String> d : docs.entrySet()) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("id", d.getKey().equals("42") ? (Object) 42 : d.getKey()); // a numeric id too
      record.put("text", d.getValue());
      record.put("lang", "en");
      lines.add(mapper.writeValueAsString(record));
    }
    lines.add("{\"id\":\"no-text\"}"); // a bad record: skipped and counted
    lines.add("");
    Path input = dir.resolve("corpus.jsonl");
    Files.write(input, lines);
    SparkSession spark = LocalSpark.session();
    EncoderKey key = new EncoderKey(TestModels.defaultModelFolder().toString(), "cpu", 1, 1);
    SparkEncodeJob job = new SparkEncodeJob(CorpusInput.defaults(), key, 32, 5, 2);
    String output = dir.resolve("vectors.parquet").toString();

    long written = job.run(spark, input.toString(), output);

    // reference: the indexer's splitter and the encoder, called directly on the same documents
    SentenceEncoder encoder = TestModels.defaultEncoder();
    int max = encoder.maxSeqLength();
    PassageSplitter splitter =
        new PassageSplitter(
            PassageSplitter.documentTokens(encoder),
            new PassageSettings(max, Math.min(32, max / 4)));
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Row row : spark.read().parquet(output).collectAsList()) {
      rows.put(row.getString(0) + "#" + row.getInt(1), row);
    }
    int expected = 0;
    for (Map.Entry<String, String> d : docs.entrySet()) {
      List<Passage> passages = splitter.split(d.getValue());
      List<String> texts = passages.stream().map(Passage::text).toList();
      float[][] vectors = encoder.encodeDocuments(texts);
      for (Passage p : passages) {
        Row row = rows.get(d.getKey() + "#" + p.index());
        assertThat(row).as(d.getKey() + " passage " + p.index()).isNotNull();
        assertThat(row.getInt(2)).isEqualTo(p.start());
        assertThat(row.getInt(3)).isEqualTo(p.end());
        assertThat(row.getString(4))
            .isEqualTo(p.text())
            .isEqualTo(d.getValue().substring(p.start(), p.end()));
        List<Float> vector = row.getList(5);
        float[] reference = vectors[p.index()];
        assertThat(vector).hasSize(reference.length);
        for (int k = 0; k < reference.length; k++) {
          assertThat((double) vector.get(k))
              .as("%s passage %d dimension %d", d.getKey(), p.index(), k)
              .isCloseTo(reference[k], org.assertj.core.data.Offset.offset(1e-5));
        }
      }
      expected += passages.size();
    }
    assertThat(rows.get("long-1#1")).as("the long document is split").isNotNull();
    assertThat(written).isEqualTo(expected).isEqualTo(rows.size());
  }

  @Test
  void truncateDimKeepsTheFirstDimensionsNormalizedAgain() throws IOException {
    List<String> texts =
        List.of("A cat sat on the mat.", "Rain is expected tomorrow.", "The stock market fell.");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      lines.add(new ObjectMapper().writeValueAsString(Map.of("id", "t" + i, "text", texts.get(i))));
    }
    Path input = Files.write(dir.resolve("short.jsonl"), lines);
    EncoderKey key = new EncoderKey(TestModels.defaultModelFolder().toString(), "cpu", 1, 1, 64);
    String output = dir.resolve("cut.parquet").toString();

    new SparkEncodeJob(CorpusInput.defaults(), key, 32, 5, 2)
        .run(LocalSpark.session(), input.toString(), output);

    // reference: the full vectors' first 64 values divided by their norm, in plain Java
    float[][] full = TestModels.defaultEncoder().encodeDocuments(texts);
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Row row : LocalSpark.session().read().parquet(output).collectAsList()) {
      rows.put(row.getString(0), row);
    }
    assertThat(rows).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      double norm = 0;
      for (int k = 0; k < 64; k++) {
        norm += (double) full[i][k] * full[i][k];
      }
      norm = Math.sqrt(norm);
      List<Float> vector = rows.get("t" + i).getList(5);
      assertThat(vector).hasSize(64);
      for (int k = 0; k < 64; k++) {
        assertThat((double) vector.get(k))
            .as("t%d dimension %d", i, k)
            .isCloseTo(full[i][k] / norm, org.assertj.core.data.Offset.offset(1e-5));
      }
    }
  }

  @Test
  void readsParquetCorpora() {
    SparkSession spark = LocalSpark.session();
    String input = dir.resolve("corpus.parquet").toString();
    spark
        .createDataFrame(
            List.of(new Doc(1, "A cat sat on the mat."), new Doc(2, "  "), new Doc(3, "Rain.")),
            Doc.class)
        .write()
        .parquet(input);
    EncoderKey key = new EncoderKey(TestModels.defaultModelFolder().toString(), "cpu", 1, 1);
    SparkEncodeJob job = new SparkEncodeJob(CorpusInput.defaults(), key, 32, 64, 0);

    long written = job.run(spark, input, dir.resolve("out.parquet").toString());

    assertThat(written).as("the blank text is skipped").isEqualTo(2);
  }

  /** A Parquet corpus row with a numeric id. */
  public static final class Doc implements java.io.Serializable {
    private long id;
    private String text;

    public Doc() {}

    Doc(long id, String text) {
      this.id = id;
      this.text = text;
    }

    public long getId() {
      return id;
    }

    public void setId(long id) {
      this.id = id;
    }

    public String getText() {
      return text;
    }

    public void setText(String text) {
      this.text = text;
    }
  }
}
