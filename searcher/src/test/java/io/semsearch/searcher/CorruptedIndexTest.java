package io.semsearch.searcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.index.IndexCorruptedException;
import io.semsearch.index.IndexIntegrity;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index whose stored vector of document "b" was overwritten on disk, as a bad disk or a bad copy
 * would: the integrity check finds it, and a search refuses to rank with it.
 */
class CorruptedIndexTest {

  /** A = (1,0,0), B = (0.6,0.8,0), anything else (0,0,1): all unit vectors. */
  private static float[] byMarker(String text) {
    return switch (text.strip().split("\\s+")[0]) {
      case "A" -> new float[] {1, 0, 0};
      case "B" -> new float[] {0.6f, 0.8f, 0};
      default -> new float[] {0, 0, 1};
    };
  }

  private static final FunctionEncoder ENCODER =
      new FunctionEncoder("markers", 3, true, 64, CorruptedIndexTest::byMarker);

  @TempDir Path dir;
  private Path index;

  @BeforeEach
  void buildIndex() throws IOException {
    index = dir.resolve("index");
    List<CorpusRecord> docs =
        List.of(
            new CorpusDocument("a", null, "A apple", Map.of(), "test"),
            new CorpusDocument("b", null, "B banana", Map.of(), "test"),
            new CorpusDocument("c", null, "C cedar", Map.of(), "test"));
    try (CorpusIndexer indexer = new CorpusIndexer(index, ENCODER, IndexSettings.defaults())) {
      indexer.index(docs.iterator(), IndexProgress.NONE);
    }
  }

  /** Overwrites b's stored vector (0.6, 0.8, 0) with (300, 0.8, 0) wherever its bytes are. */
  private void damageVectorOfB() throws IOException {
    byte[] original = floats(0.6f, 0.8f, 0f);
    byte[] damaged = floats(300f, 0.8f, 0f);
    int found = 0;
    try (Stream<Path> files = Files.list(index)) {
      for (Path file : files.toList()) {
        byte[] bytes = Files.readAllBytes(file);
        for (int at = indexOf(bytes, original, 0); at >= 0; at = indexOf(bytes, original, at + 1)) {
          System.arraycopy(damaged, 0, bytes, at, damaged.length);
          found++;
        }
        Files.write(file, bytes);
      }
    }
    assertThat(found).as("copies of b's vector on disk").isPositive();
  }

  private static byte[] floats(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void theIntegrityCheckPassesACleanIndexAndReportsADamagedOne() throws IOException {
    IndexIntegrity.Report clean = IndexIntegrity.check(index);
    assertThat(clean.clean()).isTrue();
    assertThat(clean.documents()).isEqualTo(6); // three documents, one passage each
    assertThat(clean.summary()).startsWith(index + ": ok");

    damageVectorOfB();
    IndexIntegrity.Report report = IndexIntegrity.check(index);
    assertThat(report.clean()).isFalse();
    assertThat(report.summary())
        .startsWith("index corrupted: " + index + ": segment _")
        .containsIgnoringCase("checksum")
        .doesNotContain("\n");
  }

  @Test
  void aSearchThatScoresTheDamagedVectorFailsAsCorruptionInsteadOfRankingIt() throws IOException {
    damageVectorOfB();
    try (SearchBackend backend = LuceneSearchBackend.openReadOnly(index, ENCODER)) {
      for (SearchMode mode : new SearchMode[] {SearchMode.DENSE, SearchMode.EXACT}) {
        assertThatThrownBy(() -> backend.search(SearchRequest.of("A query").withMode(mode)))
            .as(mode.name())
            .isInstanceOf(IndexCorruptedException.class)
            .hasMessageStartingWith("index corrupted: " + index)
            .hasMessageContaining("outside [-1, 1]");
      }
      // lexical search reads no vector
      assertThat(
              backend.search(SearchRequest.of("banana").withMode(SearchMode.LEXICAL)).hits().size())
          .isEqualTo(1);
    }
  }
}
