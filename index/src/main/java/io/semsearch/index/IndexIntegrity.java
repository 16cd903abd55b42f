package io.semsearch.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Verifies an index on disk: every file's checksum and the structures of every segment of the last
 * commit (postings, stored fields, doc values, points, vectors), as Lucene's CheckIndex does at its
 * integrity level. It reads everything, so it takes about as long as reading the index once.
 *
 * <p>Strategy: CheckIndex takes the index's write lock for the duration, so that no writer deletes
 * files under it; while another writer holds the lock, the check is refused with {@link
 * IndexLockedException} rather than run against a moving index. The check never changes the index.
 */
public final class IndexIntegrity {

  /** Characters of CheckIndex's own log kept in the report when no segment names its error. */
  private static final int LOG_TAIL_CHARS = 2_000;

  private IndexIntegrity() {}

  /**
   * What a check found.
   *
   * @param index the folder checked
   * @param clean true when nothing is wrong
   * @param segments segments of the last commit
   * @param documents Lucene documents checked (passages and documents)
   * @param problem what is wrong, in one line; null when clean
   * @param seconds how long the check took
   */
  public record Report(
      Path index, boolean clean, int segments, long documents, String problem, double seconds) {

    /** One line for people: "ok: ..." or "corrupted: ...". */
    public String summary() {
      return clean
          ? String.format(
              Locale.ROOT,
              "%s: ok, %d segment(s), %,d Lucene documents, checksums verified in %.1f s",
              index,
              segments,
              documents,
              seconds)
          : "index corrupted: " + index + ": " + problem;
    }
  }

  /**
   * Checks the index in {@code indexDir}.
   *
   * @return the report; {@link Report#clean()} is false when anything is corrupted
   * @throws IndexLockedException if a writer holds the index's lock
   * @throws IOException if there is no index there, naming the folder
   */
  public static Report check(Path indexDir) throws IOException {
    Objects.requireNonNull(indexDir, "indexDir");
    if (!Files.isDirectory(indexDir)) {
      throw new IOException(indexDir + ": no semsearch index here (no such folder)");
    }
    long start = System.nanoTime();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (Directory dir = FSDirectory.open(indexDir)) {
      if (!DirectoryReader.indexExists(dir)) {
        throw new IOException(indexDir + ": no semsearch index here (no commit in the folder)");
      }
      CheckIndex.Status status;
      try (CheckIndex checker = new CheckIndex(dir);
          PrintStream info = new PrintStream(log, true, StandardCharsets.UTF_8)) {
        checker.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_INTEGRITY_CHECKS);
        checker.setInfoStream(info);
        status = checker.checkIndex();
      } catch (LockObtainFailedException e) {
        throw new IndexLockedException(indexDir, e);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long documents = 0;
      for (CheckIndex.Status.SegmentInfoStatus segment : status.segmentInfos) {
        documents += segment.maxDoc;
      }
      String problem = status.clean ? null : problem(status, log);
      return new Report(indexDir, status.clean, status.numSegments, documents, problem, seconds);
    }
  }

  /** The first thing found wrong, in one line. */
  private static String problem(CheckIndex.Status status, ByteArrayOutputStream log) {
    if (status.missingSegments) {
      return "the commit's segments file "
          + (status.segmentsFileName == null ? "" : status.segmentsFileName + " ")
          + "can't be read";
    }
    for (CheckIndex.Status.SegmentInfoStatus segment : status.segmentInfos) {
      if (segment.error != null) {
        return "segment "
            + segment.name
            + " ("
            + segment.maxDoc
            + " Lucene documents) is broken: "
            + oneLine(segment.error);
      }
    }
    String text = log.toString(StandardCharsets.UTF_8);
    String tail = text.substring(Math.max(0, text.length() - LOG_TAIL_CHARS));
    return status.numBadSegments + " broken segment(s): " + tail.replaceAll("\\s+", " ").strip();
  }

  private static String oneLine(Throwable error) {
    String message = error.getMessage() == null ? "" : error.getMessage();
    return (error.getClass().getSimpleName() + ": " + message).replaceAll("\\s+", " ").strip();
  }
}
