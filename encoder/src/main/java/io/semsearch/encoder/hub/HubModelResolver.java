package io.semsearch.encoder.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.semsearch.encoder.model.SafetensorsWeights;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a sentence-transformers model on the Hugging Face hub and returns a local folder holding
 * it, downloading it into the hub cache the first time.
 *
 * <p>Online, {@link #resolve(RepoRef)}:
 *
 * <ol>
 *   <li>asks the hub which commit the revision is at and which files the repo has ({@code GET
 *       /api/models/{repo}/revision/{revision}}); a full commit hash already complete in the cache
 *       needs no request at all;
 *   <li>returns the cached snapshot of that commit if it is complete;
 *   <li>otherwise downloads only what a sentence-transformers model needs (see the list below) from
 *       {@code /{repo}/resolve/{commit}/{path}}, each file to a temp file that is then moved into
 *       place, marks the snapshot complete, and records the commit under {@code refs/{revision}}.
 * </ol>
 *
 * Files already in place from an earlier, interrupted attempt are kept. If the hub can't be reached
 * at all but the revision was downloaded before, the cached snapshot is used with a warning.
 *
 * <p>Offline ({@link HubConfig#offline()}), the snapshot comes from the cache through {@code
 * refs/{revision}}, or directly for a commit hash, without any network call.
 *
 * <p>Downloaded: {@code modules.json}, {@code config_sentence_transformers.json}, {@code
 * sentence_bert_config.json}, {@code config.json}, {@code tokenizer.json}, {@code
 * tokenizer_config.json}, {@code special_tokens_map.json}, {@code vocab.txt} and {@code
 * model.safetensors} at the root, and {@code config.json} and {@code model.safetensors} in each
 * module folder that {@code modules.json} names (e.g. {@code 1_Pooling}, {@code 2_Dense}). Only
 * safetensors weights are supported; other formats are never fetched.
 *
 * <p>Instances are thread-safe; two resolves of the same model at once may both download it, with
 * the same result. Close the resolver to free its HTTP client.
 */
public final class HubModelResolver implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HubModelResolver.class);
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

  private final HubConfig config;

  /** Null when offline: an offline resolver never opens a connection. */
  private final HubHttp http;

  /** Creates a resolver; no network call is made until {@link #resolve(RepoRef)}. */
  public HubModelResolver(HubConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = config.offline() ? null : new HubHttp(config);
  }

  /** Returns the configuration in use. */
  public HubConfig config() {
    return config;
  }

  /**
   * Tells whether a model argument reads as a hub repo id ({@code org/name} or {@code
   * org/name@revision}) rather than a local folder; see {@link RepoRef#looksLikeRepoId(String)}.
   */
  public static boolean looksLikeRepoId(String text) {
    return RepoRef.looksLikeRepoId(text);
  }

  /**
   * Resolves {@code org/name} or {@code org/name@revision}; see {@link #resolve(RepoRef)}.
   *
   * @throws IllegalArgumentException if {@code spec} is not a valid repo id
   */
  public Path resolve(String spec) throws IOException {
    return resolve(RepoRef.parse(spec));
  }

  /**
   * Returns the snapshot folder of {@code ref}, downloading it unless it is cached.
   *
   * @return a folder holding the model's files, laid out as in the repo
   * @throws IOException with a one-line message naming the repo (and file): not cached while
   *     offline, repo or revision not found, access refused, no {@code model.safetensors}, hub
   *     unreachable, download broken off; the cause is kept
   */
  public Path resolve(RepoRef ref) throws IOException {
    Objects.requireNonNull(ref, "ref");
    HubCache cache = new HubCache(config.hubCache(), ref);
    if (http == null) {
      return cachedSnapshot(ref, cache)
          .orElseThrow(
              () ->
                  new IOException(
                      ref
                          + " is not in the cache at "
                          + cache.repoDir()
                          + " and HF_HUB_OFFLINE is set; unset it to download the model"));
    }
    if (ref.isCommitHash() && cache.isComplete(ref.revision())) {
      LOG.debug("Using cached {} at {}", ref, cache.snapshotDir(ref.revision()));
      return cache.snapshotDir(ref.revision());
    }
    RepoListing listing;
    try {
      listing = list(ref);
    } catch (HubUnreachableException e) {
      Optional<Path> cached = cachedSnapshot(ref, cache);
      if (cached.isEmpty()) {
        throw e;
      }
      LOG.warn("{}; using the cached snapshot {}", e.getMessage(), cached.get());
      return cached.get();
    }
    Path snapshot = cache.snapshotDir(listing.commit());
    if (cache.isComplete(listing.commit())) {
      LOG.debug("Using cached {} (commit {}) at {}", ref, listing.commit(), snapshot);
    } else {
      download(ref, listing, cache);
    }
    if (!ref.revision().equals(listing.commit())) {
      cache.writeRef(ref.revision(), listing.commit());
    }
    return snapshot;
  }

  private Optional<Path> cachedSnapshot(RepoRef ref, HubCache cache) throws IOException {
    Optional<String> commit =
        ref.isCommitHash() ? Optional.of(ref.revision()) : cache.readRef(ref.revision());
    return commit.filter(cache::isComplete).map(cache::snapshotDir);
  }

  private record RepoListing(String commit, Set<String> files) {}

  private RepoListing list(RepoRef ref) throws IOException {
    URI uri =
        URI.create(
            config.endpoint()
                + "/api/models/"
                + ref.repoId()
                + "/revision/"
                + HubHttp.encodeSegment(ref.revision()));
    JsonNode info = http.getJson(uri, new HubHttp.Target(ref, null));
    String commit = info.path("sha").asText("");
    if (!COMMIT.matcher(commit).matches()) {
      throw new IOException(
          ref + ": the hub's answer has no commit hash ('sha' is '" + commit + "')");
    }
    Set<String> files = new LinkedHashSet<>();
    for (JsonNode sibling : info.path("siblings")) {
      String name = sibling.path("rfilename").asText("");
      if (ModelFiles.isSafeRelativePath(name)) {
        files.add(name);
      } else {
        LOG.debug("Ignoring file '{}' of {}: not a plain relative path", name, ref);
      }
    }
    return new RepoListing(commit, files);
  }

  private void download(RepoRef ref, RepoListing listing, HubCache cache) throws IOException {
    Set<String> files = listing.files();
    if (!ModelFiles.hasSafetensors(files, "")) {
      List<String> others = ModelFiles.otherWeights(files, "");
      throw new IOException(
          ref
              + " has no "
              + ModelFiles.WEIGHTS
              + " at its root"
              + (others.isEmpty() ? "" : " (it has " + String.join(", ", others) + ")")
              + "; only safetensors weights are supported");
    }
    String commit = listing.commit();
    Path snapshot = cache.snapshotDir(commit);
    LOG.info("Downloading {} (commit {}) from {} to {}", ref, commit, config.endpoint(), snapshot);
    long start = System.nanoTime();
    long bytes = 0;
    List<String> modulePaths = List.of();
    if (files.contains(ModelFiles.MODULES_JSON)) {
      bytes += fetch(ref, commit, ModelFiles.MODULES_JSON, cache);
      modulePaths = ModelFiles.modulePaths(snapshot.resolve(ModelFiles.MODULES_JSON));
    }
    Optional<String> badModule = ModelFiles.moduleWithoutSafetensors(files, modulePaths);
    if (badModule.isPresent()) {
      throw new IOException(
          ref
              + " has no "
              + ModelFiles.WEIGHTS
              + " in module folder "
              + badModule.get()
              + " (it has "
              + String.join(", ", ModelFiles.otherWeights(files, badModule.get() + "/"))
              + "); only safetensors weights are supported");
    }
    List<String> selected = new ArrayList<>(ModelFiles.select(files, modulePaths));
    for (String path : List.copyOf(selected)) {
      bytes += fetch(ref, commit, path, cache);
      if (path.equals(ModelFiles.WEIGHTS_INDEX) || path.endsWith("/" + ModelFiles.WEIGHTS_INDEX)) {
        String folder = path.substring(0, path.length() - ModelFiles.WEIGHTS_INDEX.length());
        for (String shard : SafetensorsWeights.shardNames(snapshot.resolve(path))) {
          if (!files.contains(folder + shard)) {
            throw new IOException(
                ref + ": " + path + " names shard " + shard + ", which the repo does not have");
          }
          bytes += fetch(ref, commit, folder + shard, cache);
          selected.add(folder + shard);
        }
      }
    }
    cache.markComplete(commit, selected);
    LOG.info(
        "Downloaded {}: {} files, {} bytes in {} ms",
        ref,
        selected.size(),
        bytes,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Downloads one file into the snapshot unless it is there already; returns the bytes fetched. */
  private long fetch(RepoRef ref, String commit, String path, HubCache cache) throws IOException {
    Path target = cache.snapshotDir(commit).resolve(path);
    if (Files.isRegularFile(target)) {
      LOG.debug("{} of {} is already in the cache", path, ref);
      return 0;
    }
    URI uri =
        URI.create(
            config.endpoint()
                + "/"
                + ref.repoId()
                + "/resolve/"
                + commit
                + "/"
                + HubHttp.encodePath(path));
    Path temp = cache.newTempFile();
    try {
      long bytes = http.download(uri, temp, new HubHttp.Target(ref, path));
      cache.moveIntoPlace(temp, target);
      LOG.debug("Downloaded {} of {} ({} bytes)", path, ref, bytes);
      return bytes;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Frees the HTTP client. */
  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
  }
}
