package io.semsearch.encoder.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.model.Activation;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.ModelFolderWriter;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.OutputLayer;
import io.semsearch.encoder.model.PoolingConfig;
import io.semsearch.encoder.model.Prompts;
import io.semsearch.encoder.model.SafetensorsWeights;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.model.TransformerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Fresh, untrained models to train from ({@code train --init}, {@code distill --init}). The one
 * there is, {@value #BERT_TINY_DENSE}, has the seed model's exact shape (all-nli-bert-tiny-dense):
 * a BERT of 2 layers, hidden 128, 2 heads, intermediate 512 (exact GELU), 512 positions, 2 token
 * types; mean pooling; Dense 128 → 256 with bias and Tanh; Normalize; max_seq_length 384. Its
 * vocabulary and tokenizer are the default model's (all-MiniLM-L6-v2's uncased WordPiece, 30522
 * ids): its {@code tokenizer.json} is copied and {@code vocab.txt} written from it.
 *
 * <p>Initialization, drawn in a fixed order from one {@link Random} seeded by the caller, so the
 * same seed gives byte-identical weights:
 *
 * <ol>
 *   <li>the Transformer as transformers' {@code BertPreTrainedModel._init_weights}: embedding
 *       tables and Linear weights normal(0, 0.02) ({@code initializer_range}), the padding row
 *       ({@code [PAD]}, id 0) of the word embeddings zero, Linear biases zero, LayerNorm weights 1
 *       and biases 0;
 *   <li>the Dense layer as {@code torch.nn.Linear}'s default, which sentence-transformers' Dense
 *       keeps: weight and bias uniform in ±1/sqrt(in_features) (±0.0884 for 128 inputs).
 * </ol>
 *
 * <p>{@value #BERT_TINY_DENSE_PCA} is the same model, drawn the same way, whose word, position and
 * token type embeddings are then replaced by the default model's (all-MiniLM-L6-v2: the same
 * vocabulary, width 384) reduced to width 128 by PCA ({@link PcaEmbeddings}): a student starts from
 * the teacher's notion of which words are alike instead of from noise.
 */
public final class InitialModel {

  /** The id {@code --init} takes. */
  public static final String BERT_TINY_DENSE = "bert-tiny-dense";

  /** The id of {@value #BERT_TINY_DENSE} with the default model's embeddings reduced by PCA. */
  public static final String BERT_TINY_DENSE_PCA = "bert-tiny-dense-pca";

  /** Every id {@code --init} takes. */
  public static final List<String> IDS = List.of(BERT_TINY_DENSE, BERT_TINY_DENSE_PCA);

  static final int LAYERS = 2;
  static final int HIDDEN = 128;
  static final int HEADS = 2;
  static final int INTERMEDIATE = 512;
  static final int MAX_POSITIONS = 512;
  static final int TYPE_VOCAB = 2;
  static final int MAX_SEQ_LENGTH = 384;
  static final int DENSE_OUT = 256;
  static final double INITIALIZER_RANGE = 0.02;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private InitialModel() {}

  /**
   * Writes a freshly initialized model {@code id} into {@code folder} as a sentence-transformers
   * folder (created if needed).
   *
   * @return {@code folder}
   * @throws IllegalArgumentException if {@code id} is not one of {@link #IDS}
   * @throws IOException if writing fails, or for {@value #BERT_TINY_DENSE_PCA} the default model
   *     cannot be imported or read
   */
  public static Path write(String id, long seed, Path folder) throws IOException {
    Path wide =
        BERT_TINY_DENSE_PCA.equals(id)
            ? DefaultModel.ensureImported(DefaultModel.defaultCacheRoot())
                .resolve(SafetensorsWeights.SINGLE)
            : null;
    return write(id, seed, folder, wide);
  }

  /**
   * As {@link #write(String, long, Path)}, with the embeddings of {@value #BERT_TINY_DENSE_PCA}
   * taken from the BERT weights in {@code wideWeights} (ignored for {@value #BERT_TINY_DENSE}).
   */
  static Path write(String id, long seed, Path folder, Path wideWeights) throws IOException {
    if (!IDS.contains(id)) {
      throw new IllegalArgumentException(
          "unknown initial model '" + id + "' (known: " + String.join(", ", IDS) + ")");
    }
    Files.createDirectories(folder);
    byte[] tokenizer =
        DefaultModel.resource(InitialModel.class.getClassLoader(), DefaultModel.TOKENIZER_RESOURCE);
    Files.write(folder.resolve("tokenizer.json"), tokenizer);
    int vocabSize = writeVocab(JSON.readTree(tokenizer), folder.resolve("vocab.txt"));
    writeTokenizerConfigs(folder);
    BertConfig config =
        new BertConfig(
            vocabSize,
            HIDDEN,
            LAYERS,
            HEADS,
            INTERMEDIATE,
            Activation.GELU,
            1e-12,
            MAX_POSITIONS,
            TYPE_VOCAB);
    writeConfig(config, folder.resolve("config.json"));
    Path dense = folder.resolve("2_Dense");
    Files.createDirectories(dense);
    ObjectNode denseConfig = JSON.createObjectNode();
    denseConfig.put("in_features", HIDDEN);
    denseConfig.put("out_features", DENSE_OUT);
    denseConfig.put("bias", true);
    denseConfig.put("activation_function", "torch.nn.modules.activation.Tanh");
    Files.write(dense.resolve("config.json"), JSON.writeValueAsBytes(denseConfig));

    ModelSpec spec =
        new ModelSpec(
            id,
            folder,
            new TransformerSpec(
                config,
                MAX_SEQ_LENGTH,
                false,
                folder.resolve("tokenizer.json"),
                folder.resolve(SafetensorsWeights.SINGLE)),
            PoolingConfig.meanOf(HIDDEN),
            List.of(
                new OutputLayer.Dense(
                    HIDDEN,
                    DENSE_OUT,
                    true,
                    Activation.TANH,
                    dense.resolve(SafetensorsWeights.SINGLE)),
                new OutputLayer.Normalize()),
            Prompts.NONE);
    Random random = new Random(seed);
    List<Tensor> transformer = transformerWeights(config, random);
    if (BERT_TINY_DENSE_PCA.equals(id)) {
      transformer = withPcaEmbeddings(transformer, config, SafetensorsWeights.read(wideWeights));
    }
    float bound = (float) (1 / Math.sqrt(HIDDEN));
    List<Tensor> denseWeights =
        List.of(
            uniform("linear.weight", random, bound, DENSE_OUT, HIDDEN),
            uniform("linear.bias", random, bound, DENSE_OUT));
    ModelFolderWriter.write(spec, transformer, List.of(denseWeights), folder);
    return folder;
  }

  private static List<Tensor> withPcaEmbeddings(
      List<Tensor> tensors, BertConfig c, Map<String, Tensor> wide) {
    Map<String, Tensor> unprefixed = new java.util.HashMap<>();
    wide.forEach((name, t) -> unprefixed.put(name.replaceFirst("^bert\\.", ""), t));
    Map<String, Integer> rows =
        Map.of(
            PcaEmbeddings.TABLES.get(0), c.vocabSize(),
            PcaEmbeddings.TABLES.get(1), c.maxPositionEmbeddings(),
            PcaEmbeddings.TABLES.get(2), c.typeVocabSize());
    Map<String, Tensor> projected = new java.util.HashMap<>();
    for (Tensor t : PcaEmbeddings.project(unprefixed, rows, c.hiddenSize())) {
      projected.put(t.name(), t);
    }
    return tensors.stream().map(t -> projected.getOrDefault(t.name(), t)).toList();
  }

  private static List<Tensor> transformerWeights(BertConfig c, Random random) {
    int h = c.hiddenSize();
    List<Tensor> tensors = new ArrayList<>();
    Tensor words = normal("embeddings.word_embeddings.weight", random, c.vocabSize(), h);
    java.util.Arrays.fill(words.data(), 0, h, 0f); // [PAD] = id 0, as padding_idx
    tensors.add(words);
    tensors.add(
        normal("embeddings.position_embeddings.weight", random, c.maxPositionEmbeddings(), h));
    tensors.add(normal("embeddings.token_type_embeddings.weight", random, c.typeVocabSize(), h));
    addLayerNorm(tensors, "embeddings.LayerNorm", h);
    for (int i = 0; i < c.numLayers(); i++) {
      String l = "encoder.layer." + i + ".";
      addLinear(tensors, l + "attention.self.query", random, h, h);
      addLinear(tensors, l + "attention.self.key", random, h, h);
      addLinear(tensors, l + "attention.self.value", random, h, h);
      addLinear(tensors, l + "attention.output.dense", random, h, h);
      addLayerNorm(tensors, l + "attention.output.LayerNorm", h);
      addLinear(tensors, l + "intermediate.dense", random, h, c.intermediateSize());
      addLinear(tensors, l + "output.dense", random, c.intermediateSize(), h);
      addLayerNorm(tensors, l + "output.LayerNorm", h);
    }
    addLinear(tensors, "pooler.dense", random, h, h);
    return tensors;
  }

  private static void addLinear(List<Tensor> tensors, String name, Random random, int in, int out) {
    tensors.add(normal(name + ".weight", random, out, in));
    tensors.add(new Tensor(name + ".bias", new long[] {out}, new float[out]));
  }

  private static void addLayerNorm(List<Tensor> tensors, String name, int h) {
    float[] ones = new float[h];
    java.util.Arrays.fill(ones, 1f);
    tensors.add(new Tensor(name + ".weight", new long[] {h}, ones));
    tensors.add(new Tensor(name + ".bias", new long[] {h}, new float[h]));
  }

  private static Tensor normal(String name, Random random, int rows, int cols) {
    float[] data = new float[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * INITIALIZER_RANGE);
    }
    return new Tensor(name, new long[] {rows, cols}, data);
  }

  private static Tensor uniform(String name, Random random, float bound, long... shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    float[] data = new float[(int) n];
    for (int i = 0; i < data.length; i++) {
      data[i] = (random.nextFloat() * 2 - 1) * bound;
    }
    return new Tensor(name, shape, data);
  }

  /** Writes the WordPiece vocabulary of {@code tokenizer.json} one token a line by id. */
  private static int writeVocab(JsonNode tokenizer, Path file) throws IOException {
    JsonNode vocab = tokenizer.path("model").path("vocab");
    if (!vocab.isObject() || vocab.isEmpty()) {
      throw new IOException("the default model's tokenizer.json has no model.vocab");
    }
    String[] tokens = new String[vocab.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      int id = e.getValue().asInt(-1);
      if (id < 0 || id >= tokens.length || tokens[id] != null) {
        throw new IOException("the default model's tokenizer.json has a gap at id " + id);
      }
      tokens[id] = e.getKey();
    }
    Files.writeString(file, String.join("\n", tokens) + "\n", StandardCharsets.UTF_8);
    return tokens.length;
  }

  private static void writeConfig(BertConfig c, Path file) throws IOException {
    ObjectNode config = JSON.createObjectNode();
    config.putArray("architectures").add("BertModel");
    config.put("attention_probs_dropout_prob", 0.1);
    config.put("hidden_act", "gelu");
    config.put("hidden_dropout_prob", 0.1);
    config.put("hidden_size", c.hiddenSize());
    config.put("initializer_range", INITIALIZER_RANGE);
    config.put("intermediate_size", c.intermediateSize());
    config.put("layer_norm_eps", c.layerNormEps());
    config.put("max_position_embeddings", c.maxPositionEmbeddings());
    config.put("model_type", "bert");
    config.put("num_attention_heads", c.numHeads());
    config.put("num_hidden_layers", c.numLayers());
    config.put("pad_token_id", 0);
    config.put("position_embedding_type", "absolute");
    config.put("torch_dtype", "float32");
    config.put("type_vocab_size", c.typeVocabSize());
    config.put("vocab_size", c.vocabSize());
    Files.write(file, JSON.writeValueAsBytes(config));
  }

  private static void writeTokenizerConfigs(Path folder) throws IOException {
    ObjectNode tokenizerConfig = JSON.createObjectNode();
    tokenizerConfig.put("do_lower_case", true);
    tokenizerConfig.put("model_max_length", MAX_POSITIONS);
    tokenizerConfig.put("tokenizer_class", "BertTokenizer");
    for (String[] t : SPECIAL_TOKENS) {
      tokenizerConfig.put(t[0], t[1]);
    }
    Files.write(folder.resolve("tokenizer_config.json"), JSON.writeValueAsBytes(tokenizerConfig));
    ObjectNode special = JSON.createObjectNode();
    for (String[] t : SPECIAL_TOKENS) {
      special.put(t[0], t[1]);
    }
    Files.write(folder.resolve("special_tokens_map.json"), JSON.writeValueAsBytes(special));
  }

  private static final String[][] SPECIAL_TOKENS = {
    {"cls_token", "[CLS]"},
    {"mask_token", "[MASK]"},
    {"pad_token", "[PAD]"},
    {"sep_token", "[SEP]"},
    {"unk_token", "[UNK]"}
  };
}
