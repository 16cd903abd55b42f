package io.semsearch.encoder.engine;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.model.ModelFingerprint;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.train.LossKind;
import io.semsearch.encoder.train.Pca;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingData;
import io.semsearch.encoder.train.TrainingExample;
import io.semsearch.encoder.train.TrainingListener;
import io.semsearch.encoder.train.TrainingOptions;
import io.semsearch.encoder.train.TrainingSummary;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Knowledge distillation as sentence-transformers' {@code model_distillation.py} example does it: a
 * student learns to reproduce a teacher's sentence embeddings with a mean squared error loss.
 *
 * <ol>
 *   <li>the sentences (one a line, blank lines skipped) are embedded once by the teacher; the
 *       vectors are cached in {@code OUTPUT.teacher-cache/KEY.f32} beside the output folder, where
 *       KEY hashes the teacher's fingerprint and the sentence file's bytes, so a rerun with the
 *       same teacher and sentences reads them back instead;
 *   <li>when the teacher is wider than the student, the vectors are reduced to the student's width
 *       with PCA fitted on them ({@link Pca}, uncentred projection as the example's Dense layer);
 *       when the student ends with Normalize the reduced vectors are scaled back to unit length,
 *       since the student can only output unit vectors and cosine is what its embeddings are used
 *       for;
 *   <li>the student is trained with the MSE loss to those targets ({@link SentenceEncoders#train})
 *       and written to the output folder.
 * </ol>
 */
public final class Distillation {

  /** Texts the teacher embeds per call, so progress can be reported. */
  static final int TEACHER_CHUNK = 512;

  private static final int CACHE_MAGIC = 0x53535443; // "SSTC"

  /**
   * What a distillation did.
   *
   * @param sentences sentences used
   * @param teacherDimension width of the teacher's embeddings
   * @param studentDimension width of the student's embeddings (and the targets)
   * @param cacheReused whether the teacher's vectors came from the cache
   * @param cache the cache file of the teacher's vectors
   * @param explainedVariance the share of the teacher's variance PCA kept (1 without PCA)
   * @param training the training run's summary
   */
  public record Summary(
      int sentences,
      int teacherDimension,
      int studentDimension,
      boolean cacheReused,
      Path cache,
      double explainedVariance,
      TrainingSummary training) {}

  private Distillation() {}

  /**
   * Distills {@code teacher} into {@code student} (each as {@code --model} names a model) on the
   * sentences of {@code sentences}, writing the student to {@code output}.
   *
   * @param config the training settings; the loss must be {@link LossKind#MSE}
   * @param log receives one-line progress messages (teacher embedding, cache, PCA)
   * @throws IOException if a model or the sentence file can't be read, or the file has no sentence
   * @throws IllegalArgumentException if the teacher is narrower than the student, or the loss is
   *     not MSE
   */
  public static Summary distill(
      String teacher,
      String student,
      Path sentences,
      TrainingConfig config,
      Path output,
      TrainingListener listener,
      Consumer<String> log)
      throws IOException {
    return distill(
        teacher,
        student,
        sentences,
        config,
        output,
        listener,
        TrainingOptions.defaults().withReporting(null, null, log));
  }

  /**
   * Distills as {@link #distill(String, String, Path, TrainingConfig, Path, TrainingListener,
   * Consumer)} does, training the student with {@code options} (threads, device, checkpoints and
   * resuming, evaluators: see {@link SentenceEncoders#train(String, TrainingData, TrainingConfig,
   * Path, TrainingListener, TrainingOptions)}); messages go to {@code options.log()}, and the
   * teacher runs on the same device.
   */
  public static Summary distill(
      String teacher,
      String student,
      Path sentences,
      TrainingConfig config,
      Path output,
      TrainingListener listener,
      TrainingOptions options)
      throws IOException {
    Consumer<String> log = options.log();
    if (config.loss() != LossKind.MSE) {
      throw new IllegalArgumentException(
          "distillation trains with the mse loss, got: " + config.loss());
    }
    List<String> texts = readSentences(sentences);
    ModelLocator locator = ModelLocator.fromEnvironment();
    ModelSpec teacherSpec = locator.locate(teacher);
    ModelSpec studentSpec = locator.locate(student);
    Path cache = cacheFile(output, teacherSpec, sentences);
    float[][] vectors = readCache(cache, texts.size());
    boolean reused = vectors != null;
    if (reused) {
      log.accept("teacher vectors read from " + cache);
    } else {
      vectors = embed(teacherSpec, texts, options.device(), log);
      writeCache(cache, vectors);
      log.accept("teacher vectors cached in " + cache);
    }
    int teacherDim = vectors[0].length;
    int studentDim = studentSpec.dimension();
    double explained = 1;
    if (teacherDim < studentDim) {
      throw new IllegalArgumentException(
          "the teacher's embeddings have "
              + teacherDim
              + " dimensions, fewer than the student's "
              + studentDim);
    }
    float[][] targets = vectors;
    if (teacherDim > studentDim) {
      Pca pca = Pca.fit(vectors, studentDim);
      explained = pca.explainedVarianceRatio();
      log.accept(
          String.format(
              java.util.Locale.ROOT,
              "PCA %d -> %d keeps %.1f%% of the teacher's variance",
              teacherDim,
              studentDim,
              100 * explained));
      targets = new float[vectors.length][];
      for (int i = 0; i < vectors.length; i++) {
        targets[i] = pca.project(vectors[i]);
        if (studentSpec.normalizes()) {
          normalize(targets[i]);
        }
      }
    }
    List<TrainingExample> examples = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      examples.add(new TrainingExample(texts.get(i), null, null, targets[i]));
    }
    TrainingSummary training =
        SentenceEncoders.train(
            student,
            new TrainingData(examples, 0, List.of(), false),
            config,
            output,
            listener,
            options.dataDescription() == null
                ? options.withReporting(
                    options.baseDescription(),
                    texts.size()
                        + " sentences of "
                        + sentences.getFileName()
                        + ", embedded by "
                        + teacherSpec.id()
                        + (explained < 1
                            ? String.format(
                                java.util.Locale.ROOT,
                                ", reduced to %d dimensions by PCA (%.1f%% of the variance kept)",
                                studentDim,
                                100 * explained)
                            : ""),
                    log)
                : options);
    return new Summary(texts.size(), teacherDim, studentDim, reused, cache, explained, training);
  }

  static List<String> readSentences(Path file) throws IOException {
    List<String> texts = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String text = line.strip();
      if (!text.isEmpty()) {
        texts.add(text);
      }
    }
    if (texts.isEmpty()) {
      throw new IOException(file + ": no sentences (expected one a line)");
    }
    return texts;
  }

  private static float[][] embed(
      ModelSpec teacher, List<String> texts, DeviceSpec device, Consumer<String> log)
      throws IOException {
    float[][] vectors = new float[texts.size()][];
    long start = System.nanoTime();
    try (SentenceEncoder encoder =
        SentenceEncoders.open(teacher, EncoderOptions.defaults().withDevice(device))) {
      for (int from = 0; from < texts.size(); from += TEACHER_CHUNK) {
        int to = Math.min(texts.size(), from + TEACHER_CHUNK);
        float[][] chunk = encoder.encode(texts.subList(from, to));
        System.arraycopy(chunk, 0, vectors, from, chunk.length);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.accept(
            String.format(
                java.util.Locale.ROOT,
                "teacher %s: %d/%d sentences embedded (%.0f/s)",
                teacher.id(),
                to,
                texts.size(),
                to / Math.max(1e-9, seconds)));
      }
    }
    return vectors;
  }

  /** {@code OUTPUT.teacher-cache/KEY.f32}, KEY hashing the teacher and the sentence file. */
  static Path cacheFile(Path output, ModelSpec teacher, Path sentences) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
    sha.update(ModelFingerprint.of(teacher).getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    try (InputStream in = Files.newInputStream(sentences)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
    String key = HexFormat.of().formatHex(sha.digest()).substring(0, 24);
    Path absolute = output.toAbsolutePath().normalize();
    return absolute.resolveSibling(absolute.getFileName() + ".teacher-cache").resolve(key + ".f32");
  }

  /** The cached vectors, or null if there is no usable cache file for {@code rows} sentences. */
  static float[][] readCache(Path file, int rows) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != CACHE_MAGIC || in.readInt() != rows) {
        return null;
      }
      int dim = in.readInt();
      float[][] vectors = new float[rows][dim];
      for (float[] v : vectors) {
        for (int j = 0; j < dim; j++) {
          v[j] = in.readFloat();
        }
      }
      return vectors;
    } catch (java.io.EOFException e) {
      return null; // a truncated file: embed again
    }
  }

  private static void writeCache(Path file, float[][] vectors) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), ".partial-", ".f32");
    try (OutputStream raw = Files.newOutputStream(temp);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
      out.writeInt(CACHE_MAGIC);
      out.writeInt(vectors.length);
      out.writeInt(vectors[0].length);
      for (float[] v : vectors) {
        for (float x : v) {
          out.writeFloat(x);
        }
      }
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    double norm = Math.max(Math.sqrt(sum), 1e-12);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / norm);
    }
  }
}
