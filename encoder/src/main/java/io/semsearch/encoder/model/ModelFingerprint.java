package io.semsearch.encoder.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * A SHA-256 over every file that determines a model's embeddings (configs, tokenizer, weights) and
 * over its prompts and its Matryoshka truncation ({@link ModelSpec#truncateDim()}), if it has any,
 * so two folders with equal fingerprints give equal vectors. Indexes record it to refuse a
 * different model.
 */
public final class ModelFingerprint {

  private ModelFingerprint() {}

  /** Computes the fingerprint of {@code spec}'s files, as 64 hex digits. */
  public static String of(ModelSpec spec) throws IOException {
    List<Path> files = new ArrayList<>();
    Path folder = spec.folder();
    for (String name :
        List.of(
            "modules.json", "sentence_bert_config.json", "config.json", "1_Pooling/config.json")) {
      if (Files.isRegularFile(folder.resolve(name))) {
        files.add(folder.resolve(name));
      }
    }
    files.add(spec.transformer().tokenizer());
    files.addAll(SafetensorsWeights.files(spec.transformer().weights()));
    for (OutputLayer layer : spec.outputLayers()) {
      if (layer instanceof OutputLayer.Dense dense) {
        files.add(dense.weights().resolveSibling("config.json"));
        files.addAll(SafetensorsWeights.files(dense.weights()));
      }
    }
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    byte[] buffer = new byte[1 << 16];
    for (Path file : new TreeSet<>(files)) {
      digest.update(folder.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
    }
    if (!spec.prompts().isEmpty()) {
      // prompts change embeddings; hashed only when present, so fingerprints of indexes built
      // before prompts were read stay valid
      digest.update(("prompts\0" + spec.prompts()).getBytes(StandardCharsets.UTF_8));
    }
    if (spec.truncateDim() > 0) {
      // a truncated model gives other vectors; hashed only when set, as prompts are
      digest.update(("truncate_dim\0" + spec.truncateDim()).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
