package io.semsearch.searcher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.searcher.RankFusion.ScoredId;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFileTest {

  @TempDir Path dir;

  @Test
  void writesOneTrecLinePerHitRankedFromOne() throws Exception {
    Map<String, List<ScoredId<String>>> run = new LinkedHashMap<>();
    run.put(
        "q2",
        List.of(
            new ScoredId<>("dé", 0.75), new ScoredId<>("d1", 0.75), new ScoredId<>("d7", -0.125)));
    run.put("q1", List.of());
    run.put("q3", List.of(new ScoredId<>("d2", 3.0)));
    Path file = dir.resolve("run.txt");

    RunFile.write(file, run, "semsearch-dense");

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(
            """
            q2 Q0 dé 1 0.75 semsearch-dense
            q2 Q0 d1 2 0.75 semsearch-dense
            q2 Q0 d7 3 -0.125 semsearch-dense
            q3 Q0 d2 1 3.0 semsearch-dense
            """);
  }

  @Test
  void writesToAWriter() throws Exception {
    StringWriter out = new StringWriter();

    RunFile.write(out, Map.of("q", List.of(new ScoredId<>("d", 0.5))), "t");

    assertThat(out).hasToString("q Q0 d 1 0.5 t\n");
  }

  @Test
  void rejectsWhatTrecEvalWouldMisreadBeforeWriting() {
    Path file = dir.resolve("run.txt");

    assertThatThrownBy(
            () -> RunFile.write(file, Map.of("q", List.of(new ScoredId<>("a b", 1))), "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "document id at rank 1 of query 'q' must be non-empty without whitespace, got: 'a b'");
    assertThatThrownBy(() -> RunFile.write(file, Map.of("q", List.of()), "my run"))
        .hasMessage("tag must be non-empty without whitespace, got: 'my run'");
    assertThatThrownBy(
            () ->
                RunFile.write(
                    file,
                    Map.of("q", List.of(new ScoredId<>("a", 0.1), new ScoredId<>("b", 0.2))),
                    "t"))
        .hasMessage(
            "query 'q' is not best first: score at rank 2 (0.2) is above the one at rank 1 (0.1)");
    assertThatThrownBy(
            () -> RunFile.write(file, Map.of("q", List.of(new ScoredId<>("a", Double.NaN))), "t"))
        .hasMessage("query 'q', rank 1: score must be finite, got: NaN");
    assertThatThrownBy(
            () ->
                RunFile.write(
                    file,
                    Map.of("q", List.of(new ScoredId<>("a", 1), new ScoredId<>("a", 1))),
                    "t"))
        .hasMessage("query 'q' lists document 'a' twice, at ranks 1 and 2");
    assertThat(file).doesNotExist();
  }
}
