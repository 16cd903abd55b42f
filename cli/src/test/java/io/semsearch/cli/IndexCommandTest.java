package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.PrintWriter;
import java.io.StringWriter;
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

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeEach
  void writeModel() throws Exception {
    model = RandomModelFolder.builder().optLayers(1).writeTo(dir.resolve("model"));
  }

  private JsonNode stats(Path index) throws Exception {
    Result r = run("stats", "--index", index.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void csvCorpusIsIndexedAndBadRowsAreCounted() throws Exception {
    Path csv = dir.resolve("corpus.csv");
    Files.writeString(csv, "id,title,text,section\n"
        + "a,First,\"A text, with a comma\",news\n"
        + "b,Second,\"Multi-line\ntext\",sports\n"
        + "c,Third,,news\n"
        + "d,Fourth,Plain text,news\n");
    Path index = dir.resolve("index");
    Result r = run("index", "--index", index.toString(), "--input", csv.toString(), "--model", model.toString(), "--device", "cpu");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("indexed 3 documents").contains("1 skipped");
    assertThat(r.out()).containsPattern("1 skipped \\{(MISSING_TEXT|EMPTY_TEXT)=1\\}");
    JsonNode stats = stats(index);
    assertThat(stats.get("documents").asLong()).isEqualTo(3);
    assertThat(stats.get("model").asText()).isEqualTo("model");
    assertThat(stats.get("similarity").asText()).isEqualTo("dot_product");

    Result deleted = run("delete", "--index", index.toString(), "--id", "a", "--id", "zzz");
    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("deleted 1 of 2 ids");
    assertThat(stats(index).get("documents").asLong()).isEqualTo(2);
  }

  @Test
  void folderCorpusUsesRelativePathsAsIds() throws Exception {
    Path docs = dir.resolve("docs");
    Files.createDirectories(docs.resolve("guide"));
    Files.writeString(docs.resolve("readme.md"), "# Read me\n\nSome markdown text.\n");
    Files.writeString(docs.resolve("guide/page.html"), "<html><title>A page</title><body><p>Hello &amp; welcome</p><script>x()</script></body></html>");
    Files.writeString(docs.resolve("guide/notes.txt"), "Plain notes.");
    Files.writeString(docs.resolve("image.png"), "not text");
    Path index = dir.resolve("index");
    Result r = run("index", "--index", index.toString(), "--input", docs.toString(), "--model", model.toString(), "--device", "cpu");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(stats(index).get("documents").asLong()).isEqualTo(3);

    // Same folder again: nothing to embed.
    Result again = run("index", "--index", index.toString(), "--input", docs.toString(), "--model", model.toString(), "--device", "cpu");
    assertThat(again.out()).contains("indexed 0 documents").contains("3 unchanged");
  }

  @Test
  void anotherModelIsRefused() throws Exception {
    Path text = dir.resolve("lines.txt");
    Files.writeString(text, "one line\nanother line\n");
    Path index = dir.resolve("index");
    assertThat(run("index", "--index", index.toString(), "--input", text.toString(), "--model", model.toString(), "--device", "cpu").code()).isZero();
    Path other = RandomModelFolder.builder().optLayers(1).optSeed(99).writeTo(dir.resolve("other"));
    Result r = run("index", "--index", index.toString(), "--input", text.toString(), "--model", other.toString(), "--device", "cpu");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("built with model model").contains("model other");
  }
}
