package io.semsearch.encoder.hub;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model repository on the hub at one revision, written {@code org/name} or {@code
 * org/name@revision}.
 *
 * @param repoId the repository id, {@code org/name} (or a bare legacy {@code name}): letters,
 *     digits, {@code _}, {@code -} and {@code .}, at most 96 characters, no {@code --} or {@code
 *     ..}
 * @param revision a branch, tag or commit hash; {@value #DEFAULT_REVISION} unless given
 */
public record RepoRef(String repoId, String revision) {

  /** The revision used when none is given. */
  public static final String DEFAULT_REVISION = "main";

  private static final String NAME = "[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?";
  private static final Pattern REPO_ID = Pattern.compile("(?:" + NAME + "/)?" + NAME);
  private static final Pattern ORG_AND_NAME = Pattern.compile(NAME + "/" + NAME + "(?:@\\S+)?");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
  private static final int MAX_ID_LENGTH = 96;

  /** Checks the repo id and revision; a revision can't be used as a path in the cache otherwise. */
  public RepoRef {
    Objects.requireNonNull(repoId, "repoId");
    Objects.requireNonNull(revision, "revision");
    if (!REPO_ID.matcher(repoId).matches()
        || repoId.contains("--")
        || repoId.contains("..")
        || repoId.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          "repo id must be org/name with letters, digits, '_', '-', '.' (no '--' or '..', at most "
              + MAX_ID_LENGTH
              + " characters), got: '"
              + repoId
              + "'");
    }
    if (revision.isEmpty()
        || revision.startsWith("/")
        || revision.endsWith("/")
        || revision.chars().anyMatch(c -> c <= ' ' || c == '\\')
        || ("/" + revision + "/").contains("/../")
        || ("/" + revision + "/").contains("/./")
        || revision.contains("//")) {
      throw new IllegalArgumentException(
          "revision must be a branch, tag or commit hash, got: '" + revision + "'");
    }
  }

  /**
   * Parses {@code org/name} or {@code org/name@revision}.
   *
   * @throws IllegalArgumentException if the id or revision is malformed, naming it
   */
  public static RepoRef parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    int at = spec.indexOf('@');
    return at < 0
        ? new RepoRef(spec, DEFAULT_REVISION)
        : new RepoRef(spec.substring(0, at), spec.substring(at + 1));
  }

  /**
   * Tells whether {@code text} reads as a hub model, {@code org/name} or {@code org/name@revision},
   * rather than a local folder: it has that shape and names no existing file or folder.
   */
  public static boolean looksLikeRepoId(String text) {
    if (text == null || !ORG_AND_NAME.matcher(text).matches()) {
      return false;
    }
    try {
      parse(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      return !Files.exists(Path.of(text));
    } catch (InvalidPathException e) {
      return true;
    }
  }

  /** Tells whether the revision is a full 40-digit commit hash, which never moves. */
  public boolean isCommitHash() {
    return COMMIT.matcher(revision).matches();
  }

  /** Returns this repo's folder name in the cache, {@code models--org--name}. */
  public String cacheFolderName() {
    return "models--" + repoId.replace("/", "--");
  }

  /** Returns {@code org/name@revision}. */
  @Override
  public String toString() {
    return repoId + "@" + revision;
  }
}
