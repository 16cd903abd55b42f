package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.index.IndexFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments while a child JVM indexes a few thousand documents, several times, then
 * the same command to completion: the index must hold exactly the corpus, each document once, with
 * its text.
 */
class IndexCrashTest {

  private static final int DOCUMENTS = 6000;

  @TempDir Path dir;

  /** The generation of the newest commit (segments_N), or -1 before the first. */
  private static long commitCount(Path index) throws IOException {
    if (!Files.isDirectory(index)) {
      return -1;
    }
    try (var files = Files.list(index)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith("segments_"))
          .mapToLong(
              name -> Long.parseLong(name.substring("segments_".length()), Character.MAX_RADIX))
          .max()
          .orElse(-1);
    }
  }

  private static long parentCount(Path index) throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
      return new IndexSearcher(reader)
          .count(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC)));
    }
  }

  @Test
  void killedRunsResumeToExactlyTheCorpus() throws Exception {
    Path model =
        RandomModelFolder.builder()
            .optLayers(1)
            .optHidden(32)
            .optHeads(2)
            .optIntermediate(64)
            .optDense()
            .writeTo(dir.resolve("model"));
    Path corpus = dir.resolve("corpus.jsonl");
    Map<String, String> expected = new HashMap<>();
    StringBuilder jsonl = new StringBuilder();
    Random random = new Random(20261128);
    for (int i = 0; i < DOCUMENTS; i++) {
      String text =
          "Document "
              + i
              + " is about "
              + Integer.toString(random.nextInt(1_000_000), 36)
              + " and more.";
      expected.put("doc-" + i, text);
      jsonl
          .append("{\"id\":\"doc-")
          .append(i)
          .append("\",\"text\":\"")
          .append(text)
          .append("\"}\n");
    }
    Files.writeString(corpus, jsonl, StandardCharsets.UTF_8);
    Path index = dir.resolve("index");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "@" + System.getProperty("semsearch.jvm.flags.file"),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "index",
            "--index",
            index.toString(),
            "--input",
            corpus.toString(),
            "--model",
            model.toString(),
            "--device",
            "cpu",
            "--commit-every",
            "100",
            "--batch-size",
            "16");

    int kills = 0;
    boolean killedMidway = false;
    for (int attempt = 0; attempt < 4; attempt++) {
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("child-" + attempt + ".log").toFile())
              .start();
      // The first run dies at a random moment of its start; later ones once they have committed
      // something new, a random few hundred milliseconds in.
      if (attempt > 0) {
        long commits = commitCount(index);
        while (child.isAlive() && commitCount(index) <= commits) {
          Thread.sleep(20);
        }
      }
      boolean finished =
          child.waitFor(
              attempt == 0 ? 500 + random.nextInt(2500) : random.nextInt(150),
              TimeUnit.MILLISECONDS);
      if (!finished) {
        child.destroyForcibly().waitFor();
        kills++;
        long committed = commitCount(index) < 0 ? 0 : parentCount(index);
        killedMidway |= committed > 0 && committed < DOCUMENTS;
      }
    }
    assertThat(killedMidway).as("a run was killed after committing part of the corpus").isTrue();
    Process last =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child-final.log").toFile())
            .start();
    assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(last.exitValue()).as(Files.readString(dir.resolve("child-final.log"))).isZero();
    assertThat(kills).as("runs killed before they finished").isGreaterThanOrEqualTo(1);

    try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
      IndexSearcher searcher = new IndexSearcher(reader);
      StoredFields stored = reader.storedFields();
      Map<String, String> actual = new HashMap<>();
      List<String> duplicates = new ArrayList<>();
      for (ScoreDoc hit :
          searcher.search(
                  new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_DOC)), DOCUMENTS * 2)
              .scoreDocs) {
        Document parent = stored.document(hit.doc);
        if (actual.put(parent.get(IndexFields.DOC_ID), parent.get(IndexFields.TEXT)) != null) {
          duplicates.add(parent.get(IndexFields.DOC_ID));
        }
      }
      assertThat(duplicates).isEmpty();
      assertThat(actual).isEqualTo(expected);
      assertThat(
              searcher.count(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PASSAGE))))
          .isEqualTo(DOCUMENTS);
    }
  }
}
