package io.semsearch.indexer.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFormatTest {

  @TempDir Path dir;

  @Test
  void detectsTheFormatFromTheExtensionUnderGzip() {
    assertThat(CorpusFormat.detect(Path.of("corpus.jsonl"))).isEqualTo(CorpusFormat.JSONL);
    assertThat(CorpusFormat.detect(Path.of("data/corpus.NDJSON.GZ"))).isEqualTo(CorpusFormat.JSONL);
    assertThat(CorpusFormat.detect(Path.of("corpus.csv.gz"))).isEqualTo(CorpusFormat.CSV);
    assertThat(CorpusFormat.detect(Path.of("corpus.tsv"))).isEqualTo(CorpusFormat.TSV);
    assertThat(CorpusFormat.detect(Path.of("lines.txt.gz"))).isEqualTo(CorpusFormat.TEXT);
  }

  @Test
  void detectsADirectory() throws IOException {
    assertThat(CorpusFormat.detect(Files.createDirectory(dir.resolve("docs.jsonl"))))
        .isEqualTo(CorpusFormat.DIRECTORY);
  }

  @Test
  void anUnknownExtensionListsTheFormats() {
    assertThatThrownBy(() -> CorpusFormat.detect(Path.of("corpus.json.gz")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "can't tell the corpus format of 'corpus.json.gz' from its extension; choose one of"
                + " jsonl, csv, tsv, text, dir");
    assertThatThrownBy(() -> CorpusFormat.detect(Path.of("README")))
        .hasMessageContaining("'README'");
  }

  @Test
  void parsesNamesIgnoringCase() {
    assertThat(CorpusFormat.parse("JSONL")).isEqualTo(CorpusFormat.JSONL);
    assertThat(CorpusFormat.parse("ndjson")).isEqualTo(CorpusFormat.JSONL);
    assertThat(CorpusFormat.parse(" Text ")).isEqualTo(CorpusFormat.TEXT);
    assertThat(CorpusFormat.parse("dir")).isEqualTo(CorpusFormat.DIRECTORY);
    assertThat(CorpusFormat.parse("directory")).isEqualTo(CorpusFormat.DIRECTORY);
    for (CorpusFormat format : CorpusFormat.values()) {
      assertThat(CorpusFormat.parse(format.cliName())).isEqualTo(format);
    }
    assertThatThrownBy(() -> CorpusFormat.parse("xml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown corpus format 'xml'; choose one of jsonl, csv, tsv, text, dir");
  }
}
