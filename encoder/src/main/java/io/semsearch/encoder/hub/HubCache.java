package io.semsearch.encoder.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repo's folder in the hub cache, laid out like huggingface_hub's:
 *
 * <pre>
 * models--org--name/
 *   refs/main                       the commit hash that revision "main" resolved to
 *   snapshots/&lt;commit&gt;/...          the files of that commit
 *   .incomplete/                    downloads in progress
 * </pre>
 *
 * Every file is written to {@code .incomplete/} first and then moved into place in one step, so a
 * snapshot never holds part of a file; a snapshot is complete once its {@value #COMPLETE_MARKER}
 * marker, written last, exists. (huggingface_hub keeps file contents in {@code blobs/} with links
 * from the snapshot; plain files are simpler and read the same.)
 */
final class HubCache {

  static final String COMPLETE_MARKER = ".semsearch-complete";

  private static final Logger LOG = LoggerFactory.getLogger(HubCache.class);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

  private final Path repoDir;

  HubCache(Path hubCache, RepoRef ref) {
    this.repoDir = hubCache.resolve(ref.cacheFolderName());
  }

  Path repoDir() {
    return repoDir;
  }

  Path snapshotDir(String commit) {
    if (!COMMIT.matcher(commit).matches()) {
      throw new IllegalArgumentException(
          "commit must be 40 lowercase hex digits, got: '" + commit + "'");
    }
    return repoDir.resolve("snapshots").resolve(commit);
  }

  /** Returns the commit that {@code revision} last resolved to, if recorded. */
  Optional<String> readRef(String revision) throws IOException {
    Path file = refFile(revision);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String commit = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (!COMMIT.matcher(commit).matches()) {
      LOG.warn("Ignoring {}: it holds '{}', not a commit hash", file, commit);
      return Optional.empty();
    }
    return Optional.of(commit);
  }

  void writeRef(String revision, String commit) throws IOException {
    Path file = refFile(revision);
    if (readRef(revision).filter(commit::equals).isEmpty()) {
      writeAtomically(file, commit);
    }
  }

  boolean isComplete(String commit) {
    return Files.isRegularFile(snapshotDir(commit).resolve(COMPLETE_MARKER));
  }

  /** Marks a snapshot complete; the marker lists its files. Call after every file is in place. */
  void markComplete(String commit, List<String> files) throws IOException {
    writeAtomically(snapshotDir(commit).resolve(COMPLETE_MARKER), String.join("\n", files) + "\n");
  }

  /** Returns a new empty file in {@code .incomplete/}, on the same file system as the snapshots. */
  Path newTempFile() throws IOException {
    Path dir = repoDir.resolve(".incomplete");
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "download-", ".part");
  }

  /** Moves a finished temp file to {@code target} in one step, replacing what is there. */
  void moveIntoPlace(Path temp, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      LOG.debug("Atomic move not supported for {}; moving it plainly", target, e);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private void writeAtomically(Path target, String content) throws IOException {
    Path temp = newTempFile();
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      moveIntoPlace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private Path refFile(String revision) {
    // RepoRef has checked the revision has no '.', '..' or empty parts, so this stays inside refs/.
    return repoDir.resolve("refs").resolve(revision);
  }
}
