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
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a {@link BuiltinOnnxModel} from the classpath into the cache.
 *
 * <p>Importing is crash-safe and safe between threads and processes: the folder is built in a
 * temporary sibling, its files are flushed, then it is renamed into place in one atomic step. A
 * folder is reused only if it holds the importer's marker file (written last) for the same source,
 * importer version and settings (pooling, prompts, max_seq_length...: {@link
 * OnnxBertImporter.Options#settingsFingerprint()}), so changing a built-in model's settings imports
 * it again; anything else in its place is moved aside and replaced.
 */
final class ClasspathOnnxImport {

  private static final Logger LOG = LoggerFactory.getLogger(ClasspathOnnxImport.class);
  private static final Duration STALE_AFTER = Duration.ofHours(1);
  private static final int PUBLISH_ATTEMPTS = 5;
  private static final Object LOCK = new Object();

  private ClasspathOnnxImport() {}

  static Path ensureImported(BuiltinOnnxModel spec, Path cacheRoot, ClassLoader loader)
      throws IOException {
    Objects.requireNonNull(cacheRoot, "cacheRoot");
    Path models = cacheRoot.toAbsolutePath().resolve("models");
    Path target = models.resolve(spec.folderName());
    String source = source(spec, loader);
    String expected = source.endsWith(":unknown") ? null : source;
    String settings = spec.importerOptions(source).settingsFingerprint();
    synchronized (LOCK) {
      if (OnnxBertImporter.isImported(target, expected, settings)) {
        LOG.debug("Reusing the built-in model {} in {}", spec.id(), target);
        return target;
      }
      byte[] tokenizer = resource(spec, loader, spec.tokenizerResource());
      byte[] onnx = resource(spec, loader, spec.onnxResource());
      Files.createDirectories(models);
      deleteStale(models, stagingPrefix(spec));
      Path staging = Files.createTempDirectory(models, stagingPrefix(spec) + "import-");
      try {
        LOG.info("Importing the built-in model {} from {} into {}", spec.id(), source, target);
        OnnxModel model =
            OnnxReader.parse(
                ByteBuffer.wrap(onnx), "classpath:" + spec.onnxResource() + " (" + source + ")");
        new OnnxBertImporter(spec.importerOptions(source)).importInto(model, tokenizer, staging);
        flush(staging);
        publish(staging, target, expected, settings, stagingPrefix(spec));
      } finally {
        deleteQuietly(staging);
      }
      return target;
    }
  }

  /** Prefix of the staging and stale folders of {@code spec}'s imports. */
  private static String stagingPrefix(BuiltinOnnxModel spec) {
    return "." + spec.folderName() + ".";
  }

  /**
   * Maven coordinates with the version found on the classpath (or "unknown" in a repackaged jar).
   */
  static String source(BuiltinOnnxModel spec, ClassLoader loader) throws IOException {
    try (InputStream in = loader.getResourceAsStream(spec.pomProperties())) {
      if (in == null) {
        return spec.artifact() + ":unknown";
      }
      Properties pom = new Properties();
      pom.load(in);
      return spec.artifact() + ":" + pom.getProperty("version", "unknown");
    }
  }

  static byte[] resource(BuiltinOnnxModel spec, ClassLoader loader, String name)
      throws IOException {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(
            "classpath resource "
                + name
                + " not found: the built-in model "
                + spec.id()
                + " needs "
                + spec.coordinates()
                + " on the classpath");
      }
      return in.readAllBytes();
    }
  }

  /**
   * Renames {@code staging} to {@code target}. If another thread or process got there first with a
   * complete import, that one wins; anything else in the way is moved aside and deleted.
   */
  private static void publish(
      Path staging, Path target, String source, String settings, String prefix) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      } catch (IOException e) {
        if (!Files.exists(target)) {
          throw new IOException(
              "could not move the imported model " + staging + " to " + target, e);
        }
        if (OnnxBertImporter.isImported(target, source, settings)) {
          LOG.debug("Another import of the model finished first: {}", target);
          return;
        }
        if (attempt == PUBLISH_ATTEMPTS) {
          throw new IOException(
              "could not replace " + target + " after " + attempt + " attempts", e);
        }
      }
      Path aside = target.resolveSibling(prefix + "stale-" + System.nanoTime());
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
  private static void deleteStale(Path models, String prefix) {
    FileTime cutoff = FileTime.from(Instant.now().minus(STALE_AFTER));
    try (Stream<Path> entries = Files.list(models)) {
      for (Path entry :
          entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
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
