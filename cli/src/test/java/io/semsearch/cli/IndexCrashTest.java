package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * kill -9 while a child JVM indexes a few thousand documents, several times, then the same command
 * to completion: the index must hold exactly the corpus, each document once, with its text.
 *
 * <p>Each killed run is killed as soon as its own k-th commit (k = 1, 2, 3) is on disk, so the kill
 * lands mid-run whatever the machine's speed: the corpus is 60 commits long. Should a machine index
 * all of what is left between one commit and the kill, the test is skipped, naming the run, rather
 * than passing without a kill mid-run.
 */
class IndexCrashTest {

  private static final int DOCUMENTS = 6000;
  private static final int KILLED_RUNS = 3;

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

  private static String log(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    return Files.exists(file) ? Files.readString(file) : "(none)";
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

    List<Long> killedAt = new ArrayList<>();
    for (int attempt = 0; attempt < KILLED_RUNS; attempt++) {
      long commitsBefore = commitCount(index);
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("child-" + attempt + ".log").toFile())
              .start();
      // Run k is killed as soon as it has made k + 1 commits of its own: always after it has
      // written part of what is left, never at a moment that depends on the machine's speed.
      long target = commitsBefore + 1 + attempt;
      while (child.isAlive() && commitCount(index) < target) {
        Thread.sleep(2);
      }
      child.destroyForcibly().waitFor();
      String log = log(dir, "child-" + attempt + ".log");
      assertThat(commitCount(index))
          .as("commits after run %d (log: %s)", attempt, log)
          .isNotNegative();
      long committed = parentCount(index);
      assumeTrue(
          committed < DOCUMENTS,
          "run "
              + attempt
              + " indexed the whole corpus before it could be killed after "
              + (1 + attempt)
              + " commit(s): this machine is too fast for "
              + DOCUMENTS
              + " documents");
      assertThat(commitCount(index))
          .as("commits when run %d was killed (log: %s)", attempt, log)
          .isGreaterThanOrEqualTo(target);
      killedAt.add(committed);
    }
    assertThat(killedAt)
        .as("documents committed when each run was killed")
        .allMatch(n -> n > 0 && n < DOCUMENTS);
    Process last =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child-final.log").toFile())
            .start();
    assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(last.exitValue()).as(Files.readString(dir.resolve("child-final.log"))).isZero();

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
