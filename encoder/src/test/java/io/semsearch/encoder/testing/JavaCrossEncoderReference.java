package io.semsearch.encoder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The test ground truth for cross-encoders: a Hugging Face {@code BertForSequenceClassification}
 * with one label, scored as sentence-transformers' {@code CrossEncoder.predict} scores a pair, with
 * plain Java loops in {@code double}.
 *
 * <ol>
 *   <li>the BERT encoder of {@link JavaBertReference} on the pair's ids with its token types;
 *   <li>the {@code [CLS]} (first) hidden state through {@code tanh(pooler.dense(x))} when the
 *       weights have {@code bert.pooler.dense.*}, else as it is;
 *   <li>{@code classifier} ({@code [1, H]} and {@code [1]});
 *   <li>the activation: {@code activation_fn} of {@code config_sentence_transformers.json}, else of
 *       {@code config.json}'s {@code sentence_transformers} object, else {@code
 *       sbert_ce_default_activation_function}, else sigmoid.
 * </ol>
 *
 * <p>Reads the weights with {@link SafetensorsFile}; shares no code with the production encoder.
 */
public final class JavaCrossEncoderReference {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JavaBertReference encoder;
  private final float[] poolerWeight;
  private final float[] poolerBias;
  private final float[] classifierWeight;
  private final float classifierBias;
  private final String activation;

  private JavaCrossEncoderReference(
      JavaBertReference encoder,
      float[] poolerWeight,
      float[] poolerBias,
      float[] classifierWeight,
      float classifierBias,
      String activation) {
    this.encoder = encoder;
    this.poolerWeight = poolerWeight;
    this.poolerBias = poolerBias;
    this.classifierWeight = classifierWeight;
    this.classifierBias = classifierBias;
    this.activation = activation;
  }

  /** Reads a cross-encoder folder (config.json, model.safetensors, optional ST config). */
  public static JavaCrossEncoderReference load(Path folder) throws IOException {
    JavaBertReference encoder = JavaBertReference.load(folder);
    Path weightsFile = folder.resolve("model.safetensors");
    Map<String, SafetensorsFile.Entry> all = SafetensorsFile.read(weightsFile);
    int h = encoder.hiddenSize();
    SafetensorsFile.Entry pw = all.get("bert.pooler.dense.weight");
    SafetensorsFile.Entry pb = all.get("bert.pooler.dense.bias");
    SafetensorsFile.Entry cw = all.get("classifier.weight");
    SafetensorsFile.Entry cb = all.get("classifier.bias");
    if (cw == null || cb == null || cw.values().length != h || cb.values().length != 1) {
      throw new IOException(
          weightsFile + ": needs classifier.weight [1, H] and classifier.bias [1]");
    }
    return new JavaCrossEncoderReference(
        encoder,
        pw == null ? null : pw.values(),
        pb == null ? null : pb.values(),
        cw.values(),
        cb.values()[0],
        activation(folder));
  }

  private static String activation(Path folder) throws IOException {
    Path st = folder.resolve("config_sentence_transformers.json");
    if (Files.exists(st)) {
      JsonNode named = JSON.readTree(st.toFile()).get("activation_fn");
      if (named != null && !named.isNull()) {
        return named.asText();
      }
    }
    JsonNode config = JSON.readTree(folder.resolve("config.json").toFile());
    JsonNode named = config.path("sentence_transformers").get("activation_fn");
    if (named == null || named.isNull()) {
      named = config.get("sbert_ce_default_activation_function");
    }
    return named == null || named.isNull() ? "torch.nn.modules.activation.Sigmoid" : named.asText();
  }

  /** The score of one pair given as token ids and token types (no padding). */
  public double score(int[] ids, int[] typeIds) {
    float[] cls = encoder.pairTokenEmbeddings(ids, typeIds)[0];
    int h = cls.length;
    double[] x = new double[h];
    for (int i = 0; i < h; i++) {
      x[i] = cls[i];
    }
    if (poolerWeight != null) {
      double[] pooled = new double[h];
      for (int o = 0; o < h; o++) {
        double sum = poolerBias[o];
        for (int i = 0; i < h; i++) {
          sum += (double) poolerWeight[o * h + i] * x[i];
        }
        pooled[o] = Math.tanh(sum);
      }
      x = pooled;
    }
    double logit = classifierBias;
    for (int i = 0; i < h; i++) {
      logit += (double) classifierWeight[i] * x[i];
    }
    return JavaBertReference.activation(activation, logit);
  }

  /** Whether the weights have a pooler. */
  public boolean hasPooler() {
    return poolerWeight != null;
  }

  /** The encoder part. */
  public JavaBertReference encoder() {
    return encoder;
  }
}
