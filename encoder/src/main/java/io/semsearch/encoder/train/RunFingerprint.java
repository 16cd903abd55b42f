package io.semsearch.encoder.train;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that decides a run's weights, as named values, so that a checkpoint is only resumed by
 * the run that wrote it: each hyperparameter of the {@link TrainingConfig}, a SHA-256 of the
 * training examples in order (texts and targets), and the base model's fingerprint. How the run
 * executes (threads, device, checkpoint interval) is not part of it.
 *
 * @param values name (as people read it) to value, in a fixed order
 */
public record RunFingerprint(Map<String, String> values) {

  /** Copies the values, keeping their order. */
  public RunFingerprint {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The fingerprint of training {@code baseModel} on {@code data} with {@code config}. */
  public static RunFingerprint of(TrainingConfig config, TrainingData data, String baseModel) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("loss", config.loss().name().toLowerCase(java.util.Locale.ROOT));
    v.put("epochs", Integer.toString(config.epochs()));
    v.put("batch size", Integer.toString(config.batchSize()));
    v.put("learning rate", Double.toString(config.learningRate()));
    v.put("warmup ratio", Double.toString(config.warmupRatio()));
    v.put("weight decay", Double.toString(config.weightDecay()));
    v.put("max grad norm", Double.toString(config.maxGradNorm()));
    v.put("seed", Long.toString(config.seed()));
    v.put("max steps", Integer.toString(config.maxSteps()));
    v.put("MNRL scale", Double.toString(config.mnrlScale()));
    v.put("Adam betas", config.adamBeta1() + ", " + config.adamBeta2());
    v.put("Adam epsilon", Double.toString(config.adamEpsilon()));
    v.put("training data", dataHash(data));
    v.put("base model", Objects.requireNonNull(baseModel, "baseModel"));
    return new RunFingerprint(v);
  }

  /**
   * What differs from {@code other} as one line, e.g. {@code learning rate (checkpoint 2.0E-5, now
   * 1.0E-4)}, {@code ; }-separated; empty when nothing does. {@code this} is the checkpoint's.
   */
  public String differences(RunFingerprint now) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String current = now.values().get(e.getKey());
      if (!e.getValue().equals(current)) {
        out.add(e.getKey() + " (checkpoint " + e.getValue() + ", now " + current + ")");
      }
    }
    for (String key : now.values().keySet()) {
      if (!values.containsKey(key)) {
        out.add(key + " (not in the checkpoint)");
      }
    }
    return String.join("; ", out);
  }

  /** The examples' count and the first 16 hex digits of a SHA-256 over them, in order. */
  static String dataHash(TrainingData data) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
    for (TrainingExample e : data.examples()) {
      for (String text : new String[] {e.anchor(), e.positive(), e.negative()}) {
        if (text == null) {
          sha.update((byte) 0);
        } else {
          sha.update((byte) 1);
          sha.update(text.getBytes(StandardCharsets.UTF_8));
          sha.update((byte) 0);
        }
      }
      if (e.target() != null) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * e.target().length);
        for (float x : e.target()) {
          bytes.putFloat(x);
        }
        sha.update(bytes.array());
      }
      sha.update((byte) '\n');
    }
    return data.examples().size()
        + " examples, sha256 "
        + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }
}
