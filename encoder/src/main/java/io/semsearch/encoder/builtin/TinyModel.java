package io.semsearch.encoder.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The built-in model {@value #ID}: a bert-tiny-dense student (2 layers, hidden 128, 256 dimensions)
 * distilled from the default model on WordNet and man-page sentences, shipped as an ordinary
 * sentence-transformers folder in this jar ({@value #RESOURCE_DIR}, with its model card, {@code
 * README.md}) and copied on first use into {@code cacheRoot/models/tiny-VERSION}, VERSION hashing
 * the folder's file list with each file's SHA-256, so a new build never reuses an old copy.
 */
public final class TinyModel {

  /** The id {@code --model} takes. */
  public static final String ID = "tiny";

  /** Classpath folder of the model's files; {@code files.txt} lists them with their SHA-256. */
  public static final String RESOURCE_DIR = "io/semsearch/encoder/builtin/tiny/";

  private static final String COMPLETE = ".complete";
  private static final Object LOCK = new Object();

  private TinyModel() {}

  /**
   * Returns the model's folder in {@code cacheRoot}, copying it from the classpath first if it is
   * missing or incomplete.
   *
   * @throws IOException if the model's files are not on the classpath or a copy fails
   */
  public static Path ensureExtracted(Path cacheRoot) throws IOException {
    Objects.requireNonNull(cacheRoot, "cacheRoot");
    ClassLoader loader = TinyModel.class.getClassLoader();
    byte[] list = DefaultModel.resource(loader, RESOURCE_DIR + "files.txt");
    List<String> files = new ArrayList<>();
    for (String line : new String(list, StandardCharsets.UTF_8).split("\n")) {
      String[] parts = line.strip().split("\\s+", 2);
      if (parts.length == 2) {
        files.add(parts[1]);
      }
    }
    Path models = cacheRoot.toAbsolutePath().resolve("models");
    Path target = models.resolve("tiny-" + sha256(list).substring(0, 12));
    synchronized (LOCK) {
      if (Files.isRegularFile(target.resolve(COMPLETE))) {
        return target;
      }
      Files.createDirectories(models);
      Path staging = Files.createTempDirectory(models, ".tiny-");
      try {
        for (String file : files) {
          Path to = staging.resolve(file);
          Files.createDirectories(to.getParent());
          try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
              throw new IOException("classpath resource " + RESOURCE_DIR + file + " not found");
            }
            Files.copy(in, to);
          }
        }
        Files.writeString(staging.resolve(COMPLETE), "");
        try {
          Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
          if (!Files.isRegularFile(target.resolve(COMPLETE))) {
            throw new IOException(target + " exists but is incomplete: delete it and retry", e);
          }
        }
      } finally {
        DefaultModel.deleteQuietly(staging);
      }
      return target;
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
