package io.semsearch.encoder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The test ground truth for the encoder: a sentence-transformers BERT model evaluated with plain
 * Java loops, every sum accumulated in {@code double}, no native code and no shortcuts.
 *
 * <p>It reads a standard sentence-transformers folder ({@code modules.json} with Transformer,
 * Pooling, Dense and Normalize modules; a folder without {@code modules.json} is a Transformer
 * followed by mean pooling, as sentence-transformers treats it) whose weights may carry a {@code
 * bert.} prefix, and computes for one sequence of token ids (token types all 0, or given for a
 * pair, positions {@code 0..L-1}):
 *
 * <ol>
 *   <li>embeddings: word + position + token type, then LayerNorm;
 *   <li>per layer: Q, K, V projections, per-head softmax attention with scale {@code 1/sqrt(head
 *       size)} over the unmasked keys, output projection + residual + LayerNorm, intermediate
 *       projection + {@code hidden_act}, output projection + residual + LayerNorm;
 *   <li>pooling, every mode of sentence-transformers' {@code Pooling}, concatenated in the order of
 *       {@link PoolingMode};
 *   <li>the Dense and Normalize modules, in {@code modules.json} order.
 * </ol>
 *
 * <p>RoBERTa and XLM-RoBERTa folders ({@code model_type} {@code roberta}, {@code xlm-roberta}) and
 * MPNet ones ({@code mpnet}) run as Hugging Face runs them: position ids from {@code
 * create_position_ids_from_input_ids} ({@code cumsum(ids != pad) * (ids != pad) + pad}, pad the
 * config's {@code pad_token_id}, fixed at 1 for MPNet); MPNet without token types and with its
 * relative position bias, {@code relative_attention_bias[bucket(key - query)][head]}, added to the
 * scaled scores of every layer ({@link #mpnetBucket}).
 *
 * <p>Weights are read with {@link SafetensorsFile}, not the production reader, so the reference
 * shares no code with the encoder it checks.
 *
 * <p>Instances are immutable and thread-safe. Speed is not a goal: bert-tiny takes milliseconds, a
 * 6-layer MiniLM a second or so per sentence.
 */
public final class JavaBertReference {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

  /**
   * The pooling modes of sentence-transformers' {@code Pooling} module, declared in the order their
   * outputs are concatenated when several are on.
   */
  public enum PoolingMode {
    /** The first token's vector, mask ignored. */
    CLS("pooling_mode_cls_token", "cls"),
    /** Per dimension, the maximum over unmasked tokens (-1e9 when no token is unmasked). */
    MAX("pooling_mode_max_tokens", "max"),
    /** Sum over unmasked tokens divided by {@code max(count, 1e-9)}. */
    MEAN("pooling_mode_mean_tokens", "mean"),
    /** Sum over unmasked tokens divided by {@code sqrt(max(count, 1e-9))}. */
    MEAN_SQRT_LEN("pooling_mode_mean_sqrt_len_tokens", "mean_sqrt_len_tokens"),
    /**
     * Token {@code i} weighted by {@code i + 1}, over unmasked tokens, divided by the weights' sum.
     */
    WEIGHTED_MEAN("pooling_mode_weightedmean_tokens", "weightedmean"),
    /** The last unmasked token's vector (zeros when no token is unmasked). */
    LAST_TOKEN("pooling_mode_lasttoken", "lasttoken");

    private final String configKey;
    private final String modeName;

    PoolingMode(String configKey, String modeName) {
      this.configKey = configKey;
      this.modeName = modeName;
    }

    /**
     * The boolean key of this mode in a Pooling {@code config.json}, e.g. {@code
     * pooling_mode_mean_tokens}.
     */
    public String configKey() {
      return configKey;
    }

    /** The value of the legacy {@code pooling_mode} string key that selects this mode alone. */
    public String modeName() {
      return modeName;
    }
  }

  /** {@code y = W x + b} with W stored {@code [out, in]} row-major, as torch stores a Linear. */
  record Linear(int in, int out, float[] weight, float[] bias) {
    double[] apply(double[] x) {
      double[] y = new double[out];
      for (int o = 0; o < out; o++) {
        double sum = bias == null ? 0 : bias[o];
        for (int i = 0; i < in; i++) {
          sum += (double) weight[o * in + i] * x[i];
        }
        y[o] = sum;
      }
      return y;
    }
  }

  /** torch's LayerNorm over the last dimension: biased variance, eps inside the square root. */
  record Norm(float[] weight, float[] bias, double eps) {
    double[] apply(double[] x) {
      int n = x.length;
      double mean = 0;
      for (double v : x) {
        mean += v;
      }
      mean /= n;
      double variance = 0;
      for (double v : x) {
        variance += (v - mean) * (v - mean);
      }
      variance /= n;
      double scale = 1 / Math.sqrt(variance + eps);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = (x[i] - mean) * scale * weight[i] + bias[i];
      }
      return y;
    }
  }

  /** One transformer block, named after Hugging Face's {@code BertLayer} parts. */
  record Layer(
      Linear query,
      Linear key,
      Linear value,
      Linear attentionOutput,
      Norm attentionNorm,
      Linear intermediate,
      Linear output,
      Norm outputNorm) {}

  /** A module after pooling: a Dense layer with its activation, or (dense null) Normalize. */
  private record Head(Linear dense, String activation) {}

  private final int hiddenSize;
  private final int numHeads;
  private final int vocabSize;
  private final int maxPositions;
  private final String hiddenAct;
  private final int maxSeqLength;
  private final boolean bertPrefix;
  private final String modelType;
  private final int paddingIdx;
  private final float[] relativeBias;
  private final float[] wordEmbeddings;
  private final float[] positionEmbeddings;
  private final float[] tokenTypeEmbeddings;
  private final Norm embeddingNorm;
  private final List<Layer> layers;
  private final Set<PoolingMode> poolingModes;
  private final List<Head> heads;

  private JavaBertReference(Builder b) {
    this.hiddenSize = b.hiddenSize;
    this.numHeads = b.numHeads;
    this.vocabSize = b.vocabSize;
    this.maxPositions = b.maxPositions;
    this.hiddenAct = b.hiddenAct;
    this.maxSeqLength = b.maxSeqLength;
    this.bertPrefix = b.bertPrefix;
    this.modelType = b.modelType;
    this.paddingIdx = b.paddingIdx;
    this.relativeBias = b.relativeBias;
    this.wordEmbeddings = b.wordEmbeddings;
    this.positionEmbeddings = b.positionEmbeddings;
    this.tokenTypeEmbeddings = b.tokenTypeEmbeddings;
    this.embeddingNorm = b.embeddingNorm;
    this.layers = List.copyOf(b.layers);
    this.poolingModes = Collections.unmodifiableSet(EnumSet.copyOf(b.poolingModes));
    this.heads = List.copyOf(b.heads);
  }

  /** Mutable state while a folder is read. */
  private static final class Builder {
    int hiddenSize;
    int numHeads;
    int vocabSize;
    int maxPositions;
    String hiddenAct;
    int maxSeqLength;
    boolean bertPrefix;
    String modelType;
    int paddingIdx;
    float[] relativeBias;
    float[] wordEmbeddings;
    float[] positionEmbeddings;
    float[] tokenTypeEmbeddings;
    Norm embeddingNorm;
    final List<Layer> layers = new ArrayList<>();
    Set<PoolingMode> poolingModes;
    final List<Head> heads = new ArrayList<>();
  }

  /**
   * Reads a sentence-transformers model folder.
   *
   * @throws IOException if a file is missing or unreadable, a tensor is missing or has the wrong
   *     shape, or a module or activation is not supported; the message names the file
   */
  public static JavaBertReference load(Path folder) throws IOException {
    Builder b = new Builder();
    Path modulesFile = folder.resolve("modules.json");
    if (!Files.exists(modulesFile)) {
      readTransformer(folder, b);
      b.poolingModes = EnumSet.of(PoolingMode.MEAN);
      return new JavaBertReference(b);
    }
    for (JsonNode module : readJson(modulesFile)) {
      String type = module.path("type").asText();
      Path path = folder.resolve(module.path("path").asText(""));
      switch (type.substring(type.lastIndexOf('.') + 1)) {
        case "Transformer" -> readTransformer(path, b);
        case "Pooling" -> b.poolingModes = readPooling(path.resolve("config.json"), b.hiddenSize);
        case "Dense" -> b.heads.add(readDense(path));
        case "Normalize" -> b.heads.add(new Head(null, null));
        default -> throw new IOException(modulesFile + ": unsupported module type " + type);
      }
    }
    if (b.wordEmbeddings == null || b.poolingModes == null) {
      throw new IOException(modulesFile + ": needs a Transformer and a Pooling module");
    }
    return new JavaBertReference(b);
  }

  private static void readTransformer(Path dir, Builder b) throws IOException {
    Path configFile = dir.resolve("config.json");
    JsonNode config = readJson(configFile);
    b.hiddenSize = config.path("hidden_size").asInt();
    b.numHeads = config.path("num_attention_heads").asInt();
    b.vocabSize = config.path("vocab_size").asInt();
    b.maxPositions = config.path("max_position_embeddings").asInt();
    b.modelType = config.path("model_type").asText("bert");
    boolean mpnet = b.modelType.equals("mpnet");
    switch (b.modelType) {
      case "bert" -> b.paddingIdx = -1;
      case "roberta", "xlm-roberta" -> b.paddingIdx = config.path("pad_token_id").asInt(1);
      case "mpnet" -> b.paddingIdx = 1;
      default -> throw new IOException(configFile + ": unsupported model_type " + b.modelType);
    }
    b.hiddenAct = config.path("hidden_act").asText("gelu");
    activation(b.hiddenAct, 0); // fails early on an unknown name
    int layerCount = config.path("num_hidden_layers").asInt();
    int intermediateSize = config.path("intermediate_size").asInt();
    int typeVocab = config.path("type_vocab_size").asInt(2);
    double eps = config.path("layer_norm_eps").asDouble(1e-12);
    if (b.hiddenSize <= 0 || b.numHeads <= 0 || b.hiddenSize % b.numHeads != 0 || layerCount <= 0) {
      throw new IOException(
          configFile
              + ": bad sizes hidden_size "
              + b.hiddenSize
              + ", num_attention_heads "
              + b.numHeads
              + ", num_hidden_layers "
              + layerCount);
    }
    b.maxSeqLength = b.maxPositions;
    Path stConfig = dir.resolve("sentence_bert_config.json");
    if (Files.exists(stConfig)) {
      b.maxSeqLength = readJson(stConfig).path("max_seq_length").asInt(b.maxPositions);
    }

    Path weightsFile = dir.resolve("model.safetensors");
    Map<String, SafetensorsFile.Entry> all = SafetensorsFile.read(weightsFile);
    String prefix = null;
    for (String candidate : List.of("", "bert.", "roberta.", "mpnet.")) {
      if (prefix == null && all.containsKey(candidate + WORD_EMBEDDINGS)) {
        prefix = candidate;
      }
    }
    if (prefix == null) {
      throw new IOException(
          weightsFile
              + ": no "
              + WORD_EMBEDDINGS
              + " (bare or with a bert./roberta./mpnet. prefix)");
    }
    b.bertPrefix = !prefix.isEmpty();
    Weights w = new Weights(all, weightsFile, prefix);
    int h = b.hiddenSize;
    b.wordEmbeddings = w.get("embeddings.word_embeddings.weight", b.vocabSize, h);
    b.positionEmbeddings = w.get("embeddings.position_embeddings.weight", b.maxPositions, h);
    b.tokenTypeEmbeddings =
        mpnet ? null : w.get("embeddings.token_type_embeddings.weight", typeVocab, h);
    b.relativeBias = mpnet ? w.get("encoder.relative_attention_bias.weight", 32, b.numHeads) : null;
    b.embeddingNorm = w.norm("embeddings.LayerNorm", h, eps);
    String self = mpnet ? "attention.attn." : "attention.self.";
    for (int i = 0; i < layerCount; i++) {
      String p = "encoder.layer." + i + ".";
      b.layers.add(
          new Layer(
              w.linear(p + self + (mpnet ? "q" : "query"), h, h),
              w.linear(p + self + (mpnet ? "k" : "key"), h, h),
              w.linear(p + self + (mpnet ? "v" : "value"), h, h),
              w.linear(p + (mpnet ? "attention.attn.o" : "attention.output.dense"), h, h),
              w.norm(p + (mpnet ? "attention.LayerNorm" : "attention.output.LayerNorm"), h, eps),
              w.linear(p + "intermediate.dense", h, intermediateSize),
              w.linear(p + "output.dense", intermediateSize, h),
              w.norm(p + "output.LayerNorm", h, eps)));
    }
  }

  /** Parses a Pooling config the way sentence-transformers' {@code Pooling(**config)} does. */
  private static Set<PoolingMode> readPooling(Path file, int hiddenSize) throws IOException {
    JsonNode config = readJson(file);
    int dimension = config.path("word_embedding_dimension").asInt(hiddenSize);
    if (dimension != hiddenSize) {
      throw new IOException(
          file + ": word_embedding_dimension " + dimension + " but hidden_size " + hiddenSize);
    }
    Set<PoolingMode> modes = EnumSet.noneOf(PoolingMode.class);
    JsonNode legacy = config.get("pooling_mode");
    if (legacy != null && !legacy.isNull()) {
      String name = legacy.asText().toLowerCase(Locale.ROOT);
      for (PoolingMode mode : PoolingMode.values()) {
        if (mode.modeName().equals(name)) {
          modes.add(mode);
        }
      }
      if (modes.isEmpty()) {
        throw new IOException(file + ": unknown pooling_mode " + name);
      }
      return modes;
    }
    for (PoolingMode mode : PoolingMode.values()) {
      // sentence-transformers' constructor defaults pooling_mode_mean_tokens to true, the others to
      // false
      if (config.path(mode.configKey()).asBoolean(mode == PoolingMode.MEAN)) {
        modes.add(mode);
      }
    }
    if (modes.isEmpty()) {
      throw new IOException(file + ": no pooling mode is on");
    }
    return modes;
  }

  private static Head readDense(Path dir) throws IOException {
    Path configFile = dir.resolve("config.json");
    JsonNode config = readJson(configFile);
    int in = config.path("in_features").asInt();
    int out = config.path("out_features").asInt();
    boolean bias = config.path("bias").asBoolean(true);
    String activation =
        config.path("activation_function").asText("torch.nn.modules.activation.Tanh");
    activation(activation, 0); // fails early on an unknown name
    Path weightsFile = dir.resolve("model.safetensors");
    Weights w = new Weights(SafetensorsFile.read(weightsFile), weightsFile, "");
    float[] weight = w.get("linear.weight", out, in);
    float[] biasValues = bias ? w.get("linear.bias", out) : null;
    return new Head(new Linear(in, out, weight, biasValues), activation);
  }

  /** Tensor lookup with a name prefix and a shape check. */
  private record Weights(Map<String, SafetensorsFile.Entry> tensors, Path file, String prefix) {
    float[] get(String name, long... shape) throws IOException {
      SafetensorsFile.Entry t = tensors.get(prefix + name);
      if (t == null) {
        throw new IOException(file + ": missing tensor " + prefix + name);
      }
      if (!Arrays.equals(t.shape(), shape)) {
        throw new IOException(
            file
                + ": tensor "
                + prefix
                + name
                + " has shape "
                + Arrays.toString(t.shape())
                + ", expected "
                + Arrays.toString(shape));
      }
      return t.values();
    }

    Linear linear(String name, int in, int out) throws IOException {
      return new Linear(in, out, get(name + ".weight", out, in), get(name + ".bias", out));
    }

    Norm norm(String name, int size, double eps) throws IOException {
      return new Norm(get(name + ".weight", size), get(name + ".bias", size), eps);
    }
  }

  private static JsonNode readJson(Path file) throws IOException {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Forward pass

  /**
   * The last hidden state of a lone sequence (attention mask all ones): {@code
   * [ids.length][hidden]}.
   */
  public float[][] tokenEmbeddings(int[] ids) {
    return toFloat(hiddenStates(ids, ones(ids.length)));
  }

  /**
   * The last hidden state of a padded sequence: keys whose mask is 0 take no part in attention
   * (Hugging Face adds the dtype's minimum to their scores, which gives them weight 0; a row with
   * no unmasked key attends uniformly, as it does there). Masked positions still get a hidden
   * state.
   */
  public float[][] tokenEmbeddings(int[] ids, int[] attentionMask) {
    return toFloat(hiddenStates(ids, attentionMask));
  }

  /**
   * The last hidden state of a lone sequence pair: as {@link #tokenEmbeddings(int[])} with token
   * type {@code typeIds[t]} for token {@code t} (0 for the first text, 1 for the second).
   */
  public float[][] pairTokenEmbeddings(int[] ids, int[] typeIds) {
    return toFloat(hiddenStates(ids, typeIds, ones(ids.length)));
  }

  /** The sentence embedding of a lone sequence: transformer, pooling, then Dense and Normalize. */
  public float[] embed(int[] ids) {
    return embed(ids, ones(ids.length));
  }

  /** The sentence embedding of a padded sequence; pooling sees {@code attentionMask} too. */
  public float[] embed(int[] ids, int[] attentionMask) {
    return toFloat(applyHeads(pool(hiddenStates(ids, attentionMask), attentionMask, poolingModes)));
  }

  /**
   * Pooling, Dense and Normalize applied to given token embeddings, e.g. the production encoder's
   * own token embeddings, to check the part after the transformer on its own.
   */
  public float[] sentenceEmbedding(float[][] tokenEmbeddings, int[] mask) {
    return toFloat(applyHeads(pool(toDouble(tokenEmbeddings), mask, poolingModes)));
  }

  private double[][] hiddenStates(int[] ids, int[] mask) {
    return hiddenStates(ids, new int[ids.length], mask);
  }

  private double[][] hiddenStates(int[] ids, int[] typeIds, int[] mask) {
    if (ids.length == 0 || ids.length > maxPositions || mask.length != ids.length) {
      throw new IllegalArgumentException(
          "need 1.."
              + maxPositions
              + " token ids and a mask of the same length, got "
              + ids.length
              + " ids and "
              + mask.length
              + " mask values");
    }
    int h = hiddenSize;
    int[] positions = positionIds(ids);
    double[][] x = new double[ids.length][];
    for (int t = 0; t < ids.length; t++) {
      if (ids[t] < 0 || ids[t] >= vocabSize) {
        throw new IllegalArgumentException(
            "token id " + ids[t] + " at " + t + " is outside the vocabulary 0.." + (vocabSize - 1));
      }
      if (positions[t] < 0 || positions[t] >= maxPositions) {
        throw new IllegalArgumentException(
            "position id "
                + positions[t]
                + " at "
                + t
                + " is outside the table 0.."
                + maxPositions);
      }
      double[] e = new double[h];
      int typeRow = typeIds[t] * h;
      for (int d = 0; d < h; d++) {
        // token type typeIds[t]: 0 unless a sentence pair's second text (MPNet has no table)
        e[d] =
            (double) wordEmbeddings[ids[t] * h + d]
                + positionEmbeddings[positions[t] * h + d]
                + (tokenTypeEmbeddings == null ? 0 : tokenTypeEmbeddings[typeRow + d]);
      }
      x[t] = embeddingNorm.apply(e);
    }
    double[][][] bias = relativeBias == null ? null : positionBias(ids.length);
    for (Layer layer : layers) {
      x = layer(x, mask, layer, numHeads, hiddenAct, bias);
    }
    return x;
  }

  /**
   * Position ids as Hugging Face computes them from the ids: {@code 0..L-1} for BERT; for RoBERTa,
   * XLM-RoBERTa and MPNet each non-padding token gets the padding index plus its count of
   * non-padding tokens so far, a padding token the padding index itself.
   */
  int[] positionIds(int[] ids) {
    int[] positions = new int[ids.length];
    int count = 0;
    for (int t = 0; t < ids.length; t++) {
      if (paddingIdx < 0) {
        positions[t] = t;
      } else if (ids[t] != paddingIdx) {
        count++;
        positions[t] = paddingIdx + count;
      } else {
        positions[t] = paddingIdx;
      }
    }
    return positions;
  }

  /** MPNet's bias {@code [head][query][key]} for a sequence of {@code n} tokens. */
  private double[][][] positionBias(int n) {
    double[][][] bias = new double[numHeads][n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int bucket = mpnetBucket(j - i);
        for (int head = 0; head < numHeads; head++) {
          bias[head][i][j] = relativeBias[bucket * numHeads + head];
        }
      }
    }
    return bias;
  }

  /**
   * MPNet's (T5's bidirectional) bucket of a key {@code keyMinusQuery} tokens after the query, 32
   * buckets, max distance 128: keys at or before the query use buckets 0..15, keys after it 16..31;
   * within a half, distances 0..7 have their own bucket, larger ones {@code 8 + floor(ln(d / 8) /
   * ln(16) * 8)}, at most 15.
   */
  public static int mpnetBucket(int keyMinusQuery) {
    int distance = Math.abs(keyMinusQuery);
    int half = keyMinusQuery > 0 ? 16 : 0;
    if (distance < 8) {
      return half + distance;
    }
    int large = 8 + (int) Math.floor(Math.log(distance / 8.0) / Math.log(16.0) * 8);
    return half + Math.min(large, 15);
  }

  /** One BERT block (post-LayerNorm). */
  static double[][] layer(double[][] x, int[] mask, Layer layer, int numHeads, String hiddenAct) {
    return layer(x, mask, layer, numHeads, hiddenAct, null);
  }

  /** One block whose attention scores get {@code bias[head][query][key]} added (null: none). */
  static double[][] layer(
      double[][] x, int[] mask, Layer layer, int numHeads, String hiddenAct, double[][][] bias) {
    double[][] context =
        attention(x, mask, layer.query(), layer.key(), layer.value(), numHeads, bias);
    double[][] out = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      double[] attended =
          layer.attentionNorm().apply(add(x[t], layer.attentionOutput().apply(context[t])));
      double[] inner = layer.intermediate().apply(attended);
      for (int i = 0; i < inner.length; i++) {
        inner[i] = activation(hiddenAct, inner[i]);
      }
      out[t] = layer.outputNorm().apply(add(attended, layer.output().apply(inner)));
    }
    return out;
  }

  /**
   * Multi-head scaled dot-product self-attention, before the output projection. Head {@code h} owns
   * dimensions {@code [h * d, (h + 1) * d)} of Q, K and V, {@code d = hidden / numHeads}; its
   * output goes to the same dimensions of the result.
   */
  static double[][] attention(
      double[][] x, int[] mask, Linear query, Linear key, Linear value, int numHeads) {
    return attention(x, mask, query, key, value, numHeads, null);
  }

  private static double[][] attention(
      double[][] x,
      int[] mask,
      Linear query,
      Linear key,
      Linear value,
      int numHeads,
      double[][][] bias) {
    int n = x.length;
    double[][] q = new double[n][];
    double[][] k = new double[n][];
    double[][] v = new double[n][];
    for (int t = 0; t < n; t++) {
      q[t] = query.apply(x[t]);
      k[t] = key.apply(x[t]);
      v[t] = value.apply(x[t]);
    }
    int width = q[0].length;
    int d = width / numHeads;
    double scale = 1 / Math.sqrt(d);
    boolean anyKey = false;
    for (int m : mask) {
      anyKey |= m != 0;
    }
    double[][] context = new double[n][width];
    for (int head = 0; head < numHeads; head++) {
      int from = head * d;
      for (int i = 0; i < n; i++) {
        double[] scores = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
          if (anyKey && mask[j] == 0) {
            continue;
          }
          double dot = 0;
          for (int c = from; c < from + d; c++) {
            dot += q[i][c] * k[j][c];
          }
          scores[j] = dot * scale + (bias == null ? 0 : bias[head][i][j]);
          max = Math.max(max, scores[j]);
        }
        double[] weights = new double[n];
        double sum = 0;
        for (int j = 0; j < n; j++) {
          if (anyKey && mask[j] == 0) {
            continue;
          }
          // uniform when no key is unmasked (HF's scores are then all equal to the dtype's minimum)
          weights[j] = anyKey ? Math.exp(scores[j] - max) : 1;
          sum += weights[j];
        }
        for (int j = 0; j < n; j++) {
          double p = weights[j] / sum;
          for (int c = from; c < from + d; c++) {
            context[i][c] += p * v[j][c];
          }
        }
      }
    }
    return context;
  }

  private double[] applyHeads(double[] pooled) {
    double[] x = pooled;
    for (Head head : heads) {
      if (head.dense() == null) {
        x = normalize(x);
      } else {
        x = head.dense().apply(x);
        for (int i = 0; i < x.length; i++) {
          x[i] = activation(head.activation(), x[i]);
        }
      }
    }
    return x;
  }

  // ---------------------------------------------------------------------------------------------
  // Pooling and normalization

  /**
   * Pools token embeddings as sentence-transformers' {@code Pooling.forward} does: one block of
   * {@code hidden} values per mode in {@code modes}, in {@link PoolingMode} order.
   *
   * <p>One difference in a corner no tokenizer reaches: sentence-transformers' max pooling writes
   * -1e9 into the masked tokens in place, which its cls output (a view of token 0) then sees if
   * token 0 is masked; here cls is always token 0's own vector.
   *
   * @param tokens {@code [L][hidden]} token embeddings, padded positions included
   * @param mask {@code L} values, 1 for a real token and 0 for padding
   * @param modes the modes that are on; not empty
   */
  public static float[] pool(float[][] tokens, int[] mask, Set<PoolingMode> modes) {
    return toFloat(pool(toDouble(tokens), mask, modes));
  }

  static double[] pool(double[][] tokens, int[] mask, Set<PoolingMode> modes) {
    int n = tokens.length;
    if (n == 0 || mask.length != n || modes.isEmpty()) {
      throw new IllegalArgumentException(
          "need tokens, a mask of the same length and a mode, got "
              + n
              + " tokens, "
              + mask.length
              + " mask values, modes "
              + modes);
    }
    int h = tokens[0].length;
    double[] out = new double[h * modes.size()];
    int block = 0;
    for (PoolingMode mode : PoolingMode.values()) {
      if (!modes.contains(mode)) {
        continue;
      }
      double[] pooled = new double[h];
      switch (mode) {
        case CLS -> pooled = tokens[0].clone();
        case MAX -> {
          for (int d = 0; d < h; d++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < n; t++) {
              max = Math.max(max, mask[t] != 0 ? tokens[t][d] : -1e9);
            }
            pooled[d] = max;
          }
        }
        case MEAN, MEAN_SQRT_LEN -> {
          double count = 0;
          for (int t = 0; t < n; t++) {
            count += mask[t];
            for (int d = 0; d < h; d++) {
              pooled[d] += mask[t] * tokens[t][d];
            }
          }
          double divisor = Math.max(count, 1e-9);
          divisor = mode == PoolingMode.MEAN ? divisor : Math.sqrt(divisor);
          for (int d = 0; d < h; d++) {
            pooled[d] /= divisor;
          }
        }
        case WEIGHTED_MEAN -> {
          double weightSum = 0;
          for (int t = 0; t < n; t++) {
            double weight = mask[t] * (t + 1.0);
            weightSum += weight;
            for (int d = 0; d < h; d++) {
              pooled[d] += weight * tokens[t][d];
            }
          }
          double divisor = Math.max(weightSum, 1e-9);
          for (int d = 0; d < h; d++) {
            pooled[d] /= divisor;
          }
        }
        case LAST_TOKEN -> {
          for (int t = n - 1; t >= 0; t--) {
            if (mask[t] != 0) {
              pooled = tokens[t].clone();
              break;
            }
          }
        }
      }
      System.arraycopy(pooled, 0, out, block * h, h);
      block++;
    }
    return out;
  }

  /** {@code v / max(||v||, 1e-12)}, torch's {@code F.normalize(v, p=2)}. */
  public static float[] normalize(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return toFloat(normalize(d));
  }

  static double[] normalize(double[] v) {
    double squares = 0;
    for (double x : v) {
      squares += x * x;
    }
    double norm = Math.max(Math.sqrt(squares), 1e-12);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] / norm;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Activations

  /**
   * Applies an activation named either as a Hugging Face {@code hidden_act} ({@code gelu}, {@code
   * gelu_new}, {@code relu}, {@code silu}, ...) or as a torch module, with or without its package
   * ({@code torch.nn.modules.activation.Tanh}, {@code Identity}, ...), with torch's default
   * parameters.
   *
   * @throws IllegalArgumentException naming an unknown activation
   */
  public static double activation(String name, double x) {
    String simple = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return switch (simple) {
      case "identity", "linear" -> x;
      case "gelu", "gelu_python" -> x * 0.5 * (1 + erf(x / Math.sqrt(2)));
      case "gelu_new", "gelu_pytorch_tanh", "gelu_fast", "gelu_accurate" ->
          0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
      case "quick_gelu" -> x * sigmoid(1.702 * x);
      case "relu" -> Math.max(x, 0);
      case "relu6" -> Math.min(Math.max(x, 0), 6);
      case "leakyrelu", "leaky_relu" -> x >= 0 ? x : 0.01 * x;
      case "tanh" -> Math.tanh(x);
      case "sigmoid" -> sigmoid(x);
      case "silu", "swish" -> x * sigmoid(x);
      case "mish" -> x * Math.tanh(softplus(x));
      case "elu", "celu" -> x > 0 ? x : Math.expm1(x);
      case "selu" -> 1.0507009873554804934 * (x > 0 ? x : 1.6732632423543772848 * Math.expm1(x));
      case "softplus" -> softplus(x);
      case "softsign" -> x / (1 + Math.abs(x));
      case "tanhshrink" -> x - Math.tanh(x);
      case "logsigmoid" -> -softplus(-x);
      case "hardtanh" -> Math.min(Math.max(x, -1), 1);
      case "hardsigmoid" -> Math.min(Math.max(x + 3, 0), 6) / 6;
      case "hardswish" -> x * Math.min(Math.max(x + 3, 0), 6) / 6;
      case "softshrink" -> x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0;
      case "hardshrink" -> Math.abs(x) > 0.5 ? x : 0;
      default -> throw new IllegalArgumentException("unknown activation '" + name + "'");
    };
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** torch's Softplus with beta 1 and threshold 20: linear above the threshold. */
  private static double softplus(double x) {
    return x > 20 ? x : Math.log1p(Math.exp(x));
  }

  /**
   * The error function to about 1e-15: a series of positive terms for {@code |x| <= 3}, else
   * Laplace's continued fraction for {@code erfc}.
   */
  public static double erf(double x) {
    double z = Math.abs(x);
    double result;
    if (z <= 3) {
      // erf(z) = 2/sqrt(pi) * exp(-z^2) * sum_n 2^n z^(2n+1) / (1 * 3 * ... * (2n+1)); every term
      // is
      // positive, so nothing is lost to cancellation
      double term = z;
      double sum = z;
      for (int n = 1; n < 500 && term > 1e-17 * sum; n++) {
        term *= 2 * z * z / (2 * n + 1);
        sum += term;
      }
      result = 2 / Math.sqrt(Math.PI) * Math.exp(-z * z) * sum;
    } else {
      // erfc(z) = exp(-z^2)/sqrt(pi) / (z + (1/2)/(z + (2/2)/(z + (3/2)/(z + ...)))), evaluated
      // from
      // the bottom; converges quickly for z > 3
      double f = z;
      for (int k = 120; k >= 1; k--) {
        f = z + (k / 2.0) / f;
      }
      result = 1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
    }
    return x < 0 ? -result : result;
  }

  // ---------------------------------------------------------------------------------------------
  // Facts about the model

  /** Width of the token embeddings. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** Number of transformer blocks. */
  public int numLayers() {
    return layers.size();
  }

  /** Number of attention heads. */
  public int numHeads() {
    return numHeads;
  }

  /** Rows of the word embedding table; token ids must be below it. */
  public int vocabSize() {
    return vocabSize;
  }

  /** Rows of the position table: the longest sequence this reference accepts. */
  public int maxPositionEmbeddings() {
    return maxPositions;
  }

  /**
   * {@code max_seq_length} of {@code sentence_bert_config.json} (else the position table's size),
   * as written; the reference itself never truncates.
   */
  public int maxSeqLength() {
    return maxSeqLength;
  }

  /** The {@code hidden_act} of {@code config.json}. */
  public String hiddenAct() {
    return hiddenAct;
  }

  /** The {@code model_type} of {@code config.json}. */
  public String modelType() {
    return modelType;
  }

  /**
   * Whether the weight names carried a {@code bert.}, {@code roberta.} or {@code mpnet.} prefix.
   */
  public boolean hasBertPrefix() {
    return bertPrefix;
  }

  /** The pooling modes that are on. */
  public Set<PoolingMode> poolingModes() {
    return poolingModes;
  }

  /** Whether a Normalize module is among the modules after pooling. */
  public boolean normalizes() {
    return heads.stream().anyMatch(head -> head.dense() == null);
  }

  /** Width of the sentence embedding. */
  public int dimension() {
    int d = hiddenSize * poolingModes.size();
    for (Head head : heads) {
      if (head.dense() != null) {
        d = head.dense().out();
      }
    }
    return d;
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static double[] add(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + b[i];
    }
    return out;
  }

  private static int[] ones(int n) {
    int[] mask = new int[n];
    Arrays.fill(mask, 1);
    return mask;
  }

  private static float[] toFloat(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  private static float[][] toFloat(double[][] m) {
    float[][] out = new float[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = toFloat(m[i]);
    }
    return out;
  }

  private static double[][] toDouble(float[][] m) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = m[i][j];
      }
    }
    return out;
  }
}
