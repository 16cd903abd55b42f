package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index}, {@code stats} and {@code delete} end to end on CSV and folder corpora. */
class IndexCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path model;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @BeforeEach
  void writeModel() throws Exception {
    model = RandomModelFolder.builder().optLayers(1).writeTo(dir.resolve("model"));
  }

  private JsonNode stats(Path index) throws Exception {
    CliRun r = run("stats", "--index", index.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void csvCorpusIsIndexedAndBadRowsAreCounted() throws Exception {
    Path csv = dir.resolve("corpus.csv");
    Files.writeString(
        csv,
        "id,title,text,section\n"
            + "a,First,\"A text, with a comma\",news\n"
            + "b,Second,\"Multi-line\ntext\",sports\n"
            + "c,Third,,news\n"
            + "d,Fourth,Plain text,news\n");
    Path index = dir.resolve("index");
    CliRun r =
        run(
            "index",
            "--index",
            index.toString(),
            "--input",
            csv.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("indexed 3 documents").contains("1 skipped");
    assertThat(r.out()).containsPattern("1 skipped \\{(MISSING_TEXT|EMPTY_TEXT)=1\\}");
    JsonNode stats = stats(index);
    assertThat(stats.get("documents").asLong()).isEqualTo(3);
    assertThat(stats.get("model").asText()).isEqualTo("model");
    assertThat(stats.get("similarity").asText()).isEqualTo("dot_product");

    CliRun deleted = run("delete", "--index", index.toString(), "--id", "a", "--id", "zzz");
    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("deleted 1 of 2 ids");
    assertThat(stats(index).get("documents").asLong()).isEqualTo(2);
  }

  @Test
  void anIdRepeatedInTheCorpusIsReportedAsReplacedNotIndexedTwice() throws Exception {
    Path jsonl = dir.resolve("corpus.jsonl");
    Files.writeString(
        jsonl,
        "{\"id\":\"a\",\"text\":\"First a\"}\n"
            + "{\"id\":\"b\",\"text\":\"Only b\"}\n"
            + "{\"id\":\"a\",\"text\":\"Second a\"}\n"
            + "{\"id\":\"c\",\"text\":\"Only c\"}\n");
    Path index = dir.resolve("index");
    CliRun r =
        run(
            "index",
            "--index",
            index.toString(),
            "--input",
            jsonl.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("indexed 3 documents").contains("1 replaced");
    assertThat(stats(index).get("documents").asLong()).isEqualTo(3);

    Path again = dir.resolve("again");
    CliRun json =
        run(
            "index",
            "--index",
            again.toString(),
            "--input",
            jsonl.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu",
            "--json");
    assertThat(json.code()).as(json.err()).isZero();
    JsonNode summary = JSON.readTree(json.out());
    assertThat(summary.get("documents_read").asLong()).isEqualTo(4);
    assertThat(summary.get("documents_indexed").asLong()).isEqualTo(3);
    assertThat(summary.get("documents_replaced").asLong()).isEqualTo(1);
  }

  @Test
  void folderCorpusUsesRelativePathsAsIds() throws Exception {
    Path docs = dir.resolve("docs");
    Files.createDirectories(docs.resolve("guide"));
    Files.writeString(docs.resolve("readme.md"), "# Read me\n\nSome markdown text.\n");
    Files.writeString(
        docs.resolve("guide/page.html"),
        "<html><title>A page</title><body><p>Hello &amp;"
            + " welcome</p><script>x()</script></body></html>");
    Files.writeString(docs.resolve("guide/notes.txt"), "Plain notes.");
    Files.writeString(docs.resolve("image.png"), "not text");
    Path index = dir.resolve("index");
    CliRun r =
        run(
            "index",
            "--index",
            index.toString(),
            "--input",
            docs.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(stats(index).get("documents").asLong()).isEqualTo(3);

    // Same folder again: nothing to embed.
    CliRun again =
        run(
            "index",
            "--index",
            index.toString(),
            "--input",
            docs.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu");
    assertThat(again.out()).contains("indexed 0 documents").contains("3 unchanged");
  }

  @Test
  void anotherModelIsRefused() throws Exception {
    Path text = dir.resolve("lines.txt");
    Files.writeString(text, "one line\nanother line\n");
    Path index = dir.resolve("index");
    assertThat(
            run(
                    "index",
                    "--index",
                    index.toString(),
                    "--input",
                    text.toString(),
                    "--model",
                    model.toString(),
                    "--device",
                    "cpu")
                .code())
        .isZero();
    Path other = RandomModelFolder.builder().optLayers(1).optSeed(99).writeTo(dir.resolve("other"));
    CliRun r =
        run(
            "index",
            "--index",
            index.toString(),
            "--input",
            text.toString(),
            "--model",
            other.toString(),
            "--device",
            "cpu");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("built with model model").contains("model other");
  }

  @Test
  void appendingKeepsTheIndexsSettingsAndRefusesOthers() throws Exception {
    Path tsv = dir.resolve("corpus.tsv");
    Files.writeString(tsv, "id\ttext\tsection\na\tFirst text\tnews\nb\tSecond text\tsports\n");
    Path index = dir.resolve("index");
    CliRun built =
        run(
            "index",
            "--index",
            index.toString(),
            "--input",
            tsv.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu",
            "--quantization",
            "int8",
            "--hnsw-m",
            "8");
    assertThat(built.code()).as(built.err()).isZero();
    Files.writeString(
        tsv, "id\ttext\tsection\na\tFirst text\tnews\nb\tSecond text\tsports\nc\tThird\tnews\n");
    CliRun appended =
        run(
            "index",
            "--index",
            index.toString(),
            "--input",
            tsv.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu");
    assertThat(appended.code()).as(appended.err()).isZero();
    assertThat(appended.out()).contains("indexed 1 documents").contains("2 unchanged");
    JsonNode stats = stats(index);
    assertThat(stats.get("quantization").asText()).isEqualTo("int8");
    assertThat(stats.get("hnsw_m").asInt()).isEqualTo(8);
    CliRun refused =
        run(
            "index",
            "--index",
            index.toString(),
            "--input",
            tsv.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu",
            "--quantization",
            "int4",
            "--hnsw-m",
            "12");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .contains(
            "was built with --hnsw-m 8 (not 12), --quantization int8 (not int4); use its settings");
  }
}
