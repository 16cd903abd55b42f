package io.semsearch.encoder.testing;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.testing.JavaBertReference.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Writes a sentence-transformers BERT model folder with seeded random weights, laid out and
 * configured as sentence-transformers' {@code save} writes one: {@code modules.json}, {@code
 * config_sentence_transformers.json}, the Transformer at the root ({@code config.json}, {@code
 * sentence_bert_config.json}, {@code tokenizer.json}, {@code tokenizer_config.json}, {@code
 * special_tokens_map.json}, {@code model.safetensors} with Hugging Face {@code BertModel} names),
 * then {@code 1_Pooling/config.json}, {@code 2_Dense/{config.json,model.safetensors}}, ... and an
 * empty {@code N_Normalize} folder.
 *
 * <p>The defaults are the shape of bert-tiny (2 layers, hidden 128, 2 heads, intermediate 512,
 * vocabulary 30522, 512 positions, 2 token types, exact GELU, eps 1e-12, max_seq_length 384),
 * followed by mean pooling, a Dense 128 → 256 layer with bias and Tanh, and Normalize. The
 * tokenizer is all-MiniLM-L6-v2's WordPiece {@code tokenizer.json} (uncased, 30522 ids) from the
 * classpath, as it is.
 *
 * <p>Weights: every embedding table, Linear weight and bias is {@code N(0, 1) * weightScale}
 * (default 0.05); LayerNorm weights are {@code 1 + N(0, 1) * layerNormJitter} (default 0.1) and
 * their biases {@code N(0, 1) * weightScale}. Values are drawn in a fixed order from one {@link
 * Random}, so equal options and seed give byte-identical files, and the {@code bert.} prefix
 * changes names only.
 *
 * <p>{@link Builder#optArchitecture} writes a RoBERTa, XLM-RoBERTa or MPNet folder instead, as
 * their Hugging Face models save them: RoBERTa's one-row token type table and 514 positions (the
 * first two unused), MPNet's {@code attention.attn.q/k/v/o} and {@code attention.LayerNorm} names,
 * no token types and a {@code [32, heads]} {@code encoder.relative_attention_bias}; their tokenizer
 * is one of {@link TinyTokenizers} (Unigram for XLM-RoBERTa, byte-level BPE for the others), pad id
 * 1.
 *
 * <pre>{@code
 * Path model = RandomModelFolder.builder().optSeed(7).optPooling(PoolingMode.CLS, PoolingMode.MAX).writeTo(dir);
 * }</pre>
 */
public final class RandomModelFolder {

  /** Name of the tokenizer resource copied as {@code tokenizer.json}. */
  public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-tokenizer.json";

  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_LAYERS = 2;
  public static final int DEFAULT_HIDDEN = 128;
  public static final int DEFAULT_HEADS = 2;
  public static final int DEFAULT_INTERMEDIATE = 512;
  public static final int DEFAULT_VOCAB_SIZE = 30522;
  public static final int DEFAULT_MAX_POSITIONS = 512;
  public static final int DEFAULT_TYPE_VOCAB_SIZE = 2;
  public static final String DEFAULT_HIDDEN_ACT = "gelu";
  public static final double DEFAULT_LAYER_NORM_EPS = 1e-12;
  public static final int DEFAULT_MAX_SEQ_LENGTH = 384;
  public static final int DEFAULT_DENSE_OUT = 256;
  public static final double DEFAULT_WEIGHT_SCALE = 0.05;
  public static final double DEFAULT_LAYER_NORM_JITTER = 0.1;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One sentence-transformers Dense module.
   *
   * @param inFeatures input width; the first Dense takes the pooled width, each next one the
   *     previous {@code outFeatures}
   * @param outFeatures output width
   * @param bias whether the layer has {@code linear.bias}
   * @param activation a torch module name, full ({@code torch.nn.modules.activation.Tanh}) or
   *     simple ({@code Tanh}, {@code Identity}, {@code GELU}, ...)
   */
  public record DenseSpec(int inFeatures, int outFeatures, boolean bias, String activation) {

    /** Validates the widths. */
    public DenseSpec {
      Objects.requireNonNull(activation, "activation");
      if (inFeatures <= 0 || outFeatures <= 0) {
        throw new IllegalArgumentException(
            "Dense widths must be positive, got " + inFeatures + " -> " + outFeatures);
      }
    }

    /** The activation as sentence-transformers writes it: the torch module's full class name. */
    public String torchName() {
      if (activation.contains(".")) {
        return activation;
      }
      return activation.equals("Identity")
          ? "torch.nn.modules.linear.Identity"
          : "torch.nn.modules.activation." + activation;
    }
  }

  private RandomModelFolder() {}

  /** A builder with the bert-tiny defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of the folder to write; every one has a default. */
  public static final class Builder {
    private long seed = DEFAULT_SEED;
    private int layers = DEFAULT_LAYERS;
    private int hidden = DEFAULT_HIDDEN;
    private int heads = DEFAULT_HEADS;
    private int intermediate = DEFAULT_INTERMEDIATE;
    private int vocabSize = DEFAULT_VOCAB_SIZE;
    private int maxPositions = DEFAULT_MAX_POSITIONS;
    private int typeVocabSize = DEFAULT_TYPE_VOCAB_SIZE;
    private String hiddenAct = DEFAULT_HIDDEN_ACT;
    private double layerNormEps = DEFAULT_LAYER_NORM_EPS;
    private int maxSeqLength = DEFAULT_MAX_SEQ_LENGTH;
    private Set<PoolingMode> pooling = EnumSet.of(PoolingMode.MEAN);
    private List<DenseSpec> dense; // null: the default Dense pooled -> 256, Tanh
    private boolean normalize = true;
    private boolean bertPrefix;
    private boolean pooler = true;
    private double weightScale = DEFAULT_WEIGHT_SCALE;
    private double layerNormJitter = DEFAULT_LAYER_NORM_JITTER;
    private boolean includePrompt = true;
    private boolean doLowerCase;
    private Map<String, String> prompts = Map.of();
    private String defaultPromptName;
    private String modelType = "bert";
    private boolean maxPositionsSet;
    private boolean typeVocabSizeSet;

    private Builder() {}

    /**
     * The {@code model_type}: {@code bert} (the default), {@code roberta}, {@code xlm-roberta} or
     * {@code mpnet}. Unless set, the position table then has 2 more rows (514) and RoBERTa's token
     * type table one row.
     */
    public Builder optArchitecture(String modelType) {
      if (!List.of("bert", "roberta", "xlm-roberta", "mpnet").contains(modelType)) {
        throw new IllegalArgumentException("unknown model_type " + modelType);
      }
      this.modelType = modelType;
      return this;
    }

    /** Seed of the weights. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Number of transformer blocks ({@code num_hidden_layers}). */
    public Builder optLayers(int layers) {
      this.layers = positive("layers", layers);
      return this;
    }

    /** Hidden width ({@code hidden_size}); must be a multiple of the number of heads. */
    public Builder optHidden(int hidden) {
      this.hidden = positive("hidden", hidden);
      return this;
    }

    /** Attention heads ({@code num_attention_heads}). */
    public Builder optHeads(int heads) {
      this.heads = positive("heads", heads);
      return this;
    }

    /** Feed-forward width ({@code intermediate_size}). */
    public Builder optIntermediate(int intermediate) {
      this.intermediate = positive("intermediate", intermediate);
      return this;
    }

    /** Rows of the word embedding table; keep 30522 to use every id of the bundled tokenizer. */
    public Builder optVocabSize(int vocabSize) {
      this.vocabSize = positive("vocabSize", vocabSize);
      return this;
    }

    /** Rows of the position table ({@code max_position_embeddings}). */
    public Builder optMaxPositions(int maxPositions) {
      this.maxPositions = positive("maxPositions", maxPositions);
      this.maxPositionsSet = true;
      return this;
    }

    /** Rows of the token type table ({@code type_vocab_size}). */
    public Builder optTypeVocabSize(int typeVocabSize) {
      this.typeVocabSize = positive("typeVocabSize", typeVocabSize);
      this.typeVocabSizeSet = true;
      return this;
    }

    /**
     * The {@code hidden_act} written to {@code config.json}: {@code gelu}, {@code gelu_new}, {@code
     * gelu_pytorch_tanh}, {@code relu}, {@code silu}, {@code swish}, ...
     */
    public Builder optHiddenAct(String hiddenAct) {
      JavaBertReference.activation(hiddenAct, 0); // refuses names the reference can't run
      this.hiddenAct = hiddenAct;
      return this;
    }

    /** {@code layer_norm_eps} of every LayerNorm. */
    public Builder optLayerNormEps(double layerNormEps) {
      if (!(layerNormEps > 0)) {
        throw new IllegalArgumentException("layerNormEps must be positive, got: " + layerNormEps);
      }
      this.layerNormEps = layerNormEps;
      return this;
    }

    /** {@code max_seq_length} of {@code sentence_bert_config.json}. */
    public Builder optMaxSeqLength(int maxSeqLength) {
      this.maxSeqLength = positive("maxSeqLength", maxSeqLength);
      return this;
    }

    /**
     * A model whose lowercasing is {@code do_lower_case: true} in {@code sentence_bert_config.json}
     * alone: the tokenizer.json written then is a cased one (its normalizer's {@code lowercase} is
     * false), so text reaches the vocabulary lower-cased only if the encoder lowercases it as the
     * config asks. False by default (do_lower_case false, the uncased tokenizer lowercasing).
     */
    public Builder optDoLowerCase(boolean doLowerCase) {
      this.doLowerCase = doLowerCase;
      return this;
    }

    /** {@code include_prompt} of the Pooling config (true by default). */
    public Builder optIncludePrompt(boolean includePrompt) {
      this.includePrompt = includePrompt;
      return this;
    }

    /**
     * The {@code prompts} of {@code config_sentence_transformers.json}, in the map's order, and its
     * {@code default_prompt_name} (null for none); none by default.
     */
    public Builder optPrompts(Map<String, String> prompts, String defaultPromptName) {
      this.prompts = new LinkedHashMap<>(prompts);
      this.defaultPromptName = defaultPromptName;
      return this;
    }

    /** The pooling modes that are on; at least one. */
    public Builder optPooling(PoolingMode... modes) {
      if (modes.length == 0) {
        throw new IllegalArgumentException("at least one pooling mode is needed");
      }
      this.pooling = EnumSet.copyOf(List.of(modes));
      return this;
    }

    /** The Dense modules after pooling, in order; none for an empty list. */
    public Builder optDense(List<DenseSpec> dense) {
      this.dense = List.copyOf(dense);
      return this;
    }

    /** The Dense modules after pooling, in order; none when called without arguments. */
    public Builder optDense(DenseSpec... dense) {
      return optDense(List.of(dense));
    }

    /** Whether a Normalize module ends the pipeline. */
    public Builder optNormalize(boolean normalize) {
      this.normalize = normalize;
      return this;
    }

    /**
     * Whether every Transformer weight name starts with the task model's prefix: {@code bert.},
     * {@code roberta.} (XLM-RoBERTa too) or {@code mpnet.}.
     */
    public Builder optBertPrefix(boolean bertPrefix) {
      this.bertPrefix = bertPrefix;
      return this;
    }

    /**
     * Whether {@code pooler.dense.*} is written, as {@code BertModel} saves it (unused by pooling).
     */
    public Builder optPooler(boolean pooler) {
      this.pooler = pooler;
      return this;
    }

    /** Standard deviation of embeddings, Linear weights and biases, LayerNorm biases. */
    public Builder optWeightScale(double weightScale) {
      if (!(weightScale >= 0)) {
        throw new IllegalArgumentException("weightScale must be >= 0, got: " + weightScale);
      }
      this.weightScale = weightScale;
      return this;
    }

    /** Standard deviation of LayerNorm weights around 1. */
    public Builder optLayerNormJitter(double layerNormJitter) {
      if (!(layerNormJitter >= 0)) {
        throw new IllegalArgumentException("layerNormJitter must be >= 0, got: " + layerNormJitter);
      }
      this.layerNormJitter = layerNormJitter;
      return this;
    }

    /** The Dense modules that {@link #writeTo} writes: the given ones, or the default one. */
    public List<DenseSpec> denseLayers() {
      if (dense != null) {
        return dense;
      }
      return List.of(new DenseSpec(hidden * pooling.size(), DEFAULT_DENSE_OUT, true, "Tanh"));
    }

    /** Width of the sentence embedding the folder produces. */
    public int dimension() {
      List<DenseSpec> layers = denseLayers();
      return layers.isEmpty()
          ? hidden * pooling.size()
          : layers.get(layers.size() - 1).outFeatures();
    }

    /**
     * Writes the model into {@code folder} (created if needed; existing files of the same names are
     * replaced).
     *
     * @return {@code folder}
     * @throws IllegalArgumentException if hidden is not a multiple of heads or the Dense widths
     *     don't chain from the pooled width
     */
    public Path writeTo(Path folder) throws IOException {
      if (hidden % heads != 0) {
        throw new IllegalArgumentException(
            "hidden " + hidden + " is not a multiple of heads " + heads);
      }
      List<DenseSpec> denseLayers = denseLayers();
      int width = hidden * pooling.size();
      for (DenseSpec spec : denseLayers) {
        if (spec.inFeatures() != width) {
          throw new IllegalArgumentException("Dense " + spec + " receives " + width + " features");
        }
        JavaBertReference.activation(spec.torchName(), 0);
        width = spec.outFeatures();
      }

      Files.createDirectories(folder);
      Random random = new Random(seed);
      writeTransformer(folder, random);

      ArrayNode modules = JSON.createArrayNode();
      addModule(modules, "", "sentence_transformers.models.Transformer");
      String poolingPath = addModule(modules, "Pooling", "sentence_transformers.models.Pooling");
      writePooling(folder.resolve(poolingPath));
      for (DenseSpec spec : denseLayers) {
        String path = addModule(modules, "Dense", "sentence_transformers.models.Dense");
        writeDense(folder.resolve(path), spec, random);
      }
      if (normalize) {
        Files.createDirectories(
            folder.resolve(
                addModule(modules, "Normalize", "sentence_transformers.models.Normalize")));
      }
      writeJson(folder.resolve("modules.json"), modules, 2);

      ObjectNode stInfo = JSON.createObjectNode();
      stInfo
          .putObject("__version__")
          .put("sentence_transformers", "3.3.1")
          .put("transformers", "4.46.3")
          .put("pytorch", "2.5.1");
      ObjectNode promptsNode = stInfo.putObject("prompts");
      prompts.forEach(promptsNode::put);
      if (defaultPromptName == null) {
        stInfo.putNull("default_prompt_name");
      } else {
        stInfo.put("default_prompt_name", defaultPromptName);
      }
      stInfo.put("similarity_fn_name", "cosine");
      writeJson(folder.resolve("config_sentence_transformers.json"), stInfo, 4);
      return folder;
    }

    /** Appends a module entry; returns its folder name, {@code idx_Kind} (or "" for the root). */
    private static String addModule(ArrayNode modules, String kind, String type) {
      int idx = modules.size();
      String path = kind.isEmpty() ? "" : idx + "_" + kind;
      modules
          .addObject()
          .put("idx", idx)
          .put("name", String.valueOf(idx))
          .put("path", path)
          .put("type", type);
      return path;
    }

    private boolean bert() {
      return modelType.equals("bert");
    }

    private boolean mpnet() {
      return modelType.equals("mpnet");
    }

    private int positions() {
      return bert() || maxPositionsSet ? maxPositions : maxPositions + 2;
    }

    private int typeRows() {
      return bert() || typeVocabSizeSet ? typeVocabSize : 1;
    }

    private String architectureClass() {
      return switch (modelType) {
        case "roberta" -> "RobertaModel";
        case "xlm-roberta" -> "XLMRobertaModel";
        case "mpnet" -> "MPNetModel";
        default -> "BertModel";
      };
    }

    private void writeTransformer(Path folder, Random random) throws IOException {
      // config.json as transformers' BertConfig.save_pretrained writes it (keys sorted)
      ObjectNode config = JSON.createObjectNode();
      config.putArray("architectures").add(architectureClass());
      config.put("attention_probs_dropout_prob", 0.1);
      config.putNull("classifier_dropout");
      config.put("hidden_act", hiddenAct);
      config.put("hidden_dropout_prob", 0.1);
      config.put("hidden_size", hidden);
      config.put("initializer_range", 0.02);
      config.put("intermediate_size", intermediate);
      config.put("layer_norm_eps", layerNormEps);
      config.put("max_position_embeddings", positions());
      config.put("model_type", modelType);
      config.put("num_attention_heads", heads);
      config.put("num_hidden_layers", layers);
      config.put("pad_token_id", bert() ? 0 : TinyTokenizers.PAD);
      if (!mpnet()) {
        config.put("position_embedding_type", "absolute");
      } else {
        config.put("relative_attention_num_buckets", 32);
      }
      config.put("torch_dtype", "float32");
      config.put("transformers_version", "4.46.3");
      if (!mpnet()) {
        config.put("type_vocab_size", typeRows());
      }
      config.put("use_cache", true);
      config.put("vocab_size", vocabSize);
      writeJson(folder.resolve("config.json"), config, 2);

      ObjectNode stConfig = JSON.createObjectNode();
      stConfig.put("max_seq_length", maxSeqLength);
      stConfig.put("do_lower_case", doLowerCase);
      writeJson(folder.resolve("sentence_bert_config.json"), stConfig, 4);

      if (modelType.equals("xlm-roberta")) {
        TinyTokenizers.unigram(folder.resolve("tokenizer.json"));
      } else if (!bert()) {
        TinyTokenizers.byteLevelBpe(folder.resolve("tokenizer.json"));
      } else {
        copyBertTokenizer(folder);
      }
      if (bert()) {
        writeTokenizerConfigs(folder);
      } else {
        writeSentencePieceStyleTokenizerConfigs(folder);
      }
      writeWeights(folder, random);
    }

    private void copyBertTokenizer(Path folder) throws IOException {
      try (InputStream in =
          RandomModelFolder.class.getClassLoader().getResourceAsStream(TOKENIZER_RESOURCE)) {
        if (in == null) {
          throw new IOException(
              "classpath resource "
                  + TOKENIZER_RESOURCE
                  + " is missing (langchain4j all-minilm-l6-v2 jar)");
        }
        if (doLowerCase) {
          ObjectNode tokenizer = (ObjectNode) JSON.readTree(in);
          ((ObjectNode) tokenizer.get("normalizer")).put("lowercase", false);
          JSON.writeValue(folder.resolve("tokenizer.json").toFile(), tokenizer);
        } else {
          Files.copy(in, folder.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }

    private void writeWeights(Path folder, Random random) throws IOException {
      String p = bertPrefix ? (modelType.equals("xlm-roberta") ? "roberta" : modelType) + "." : "";
      List<Tensor> tensors = new ArrayList<>();
      tensors.add(
          normal(p + "embeddings.word_embeddings.weight", random, weightScale, vocabSize, hidden));
      tensors.add(
          normal(
              p + "embeddings.position_embeddings.weight",
              random,
              weightScale,
              positions(),
              hidden));
      if (!mpnet()) {
        tensors.add(
            normal(
                p + "embeddings.token_type_embeddings.weight",
                random,
                weightScale,
                typeRows(),
                hidden));
      }
      addLayerNorm(tensors, p + "embeddings.LayerNorm", random);
      String self = mpnet() ? "attention.attn." : "attention.self.";
      for (int i = 0; i < layers; i++) {
        String l = p + "encoder.layer." + i + ".";
        addLinear(tensors, l + self + (mpnet() ? "q" : "query"), hidden, hidden, true, random);
        addLinear(tensors, l + self + (mpnet() ? "k" : "key"), hidden, hidden, true, random);
        addLinear(tensors, l + self + (mpnet() ? "v" : "value"), hidden, hidden, true, random);
        addLinear(
            tensors,
            l + (mpnet() ? "attention.attn.o" : "attention.output.dense"),
            hidden,
            hidden,
            true,
            random);
        addLayerNorm(
            tensors, l + (mpnet() ? "attention.LayerNorm" : "attention.output.LayerNorm"), random);
        addLinear(tensors, l + "intermediate.dense", hidden, intermediate, true, random);
        addLinear(tensors, l + "output.dense", intermediate, hidden, true, random);
        addLayerNorm(tensors, l + "output.LayerNorm", random);
      }
      if (mpnet()) {
        // a larger scale than the other weights, so that a wrong bucket shows in the output
        tensors.add(normal(p + "encoder.relative_attention_bias.weight", random, 1.0, 32, heads));
      }
      if (pooler) {
        addLinear(tensors, p + "pooler.dense", hidden, hidden, true, random);
      }
      Safetensors.write(folder.resolve("model.safetensors"), tensors);
    }

    /**
     * {@code tokenizer_config.json} and {@code special_tokens_map.json} with the {@code <s>},
     * {@code </s>}, {@code <pad>}, {@code <unk>} tokens of {@link TinyTokenizers}, as RoBERTa,
     * XLM-RoBERTa and MPNet tokenizers save them.
     */
    private void writeSentencePieceStyleTokenizerConfigs(Path folder) throws IOException {
      Map<String, String> tokens = new LinkedHashMap<>();
      tokens.put("bos_token", "<s>");
      tokens.put("cls_token", "<s>");
      tokens.put("eos_token", "</s>");
      tokens.put("pad_token", "<pad>");
      tokens.put("sep_token", "</s>");
      tokens.put("unk_token", "<unk>");
      ObjectNode specialTokens = JSON.createObjectNode();
      tokens.forEach(specialTokens::put);
      ObjectNode tokenizerConfig = specialTokens.deepCopy();
      tokenizerConfig.put("model_max_length", 512);
      tokenizerConfig.put("tokenizer_class", architectureClass().replace("Model", "Tokenizer"));
      writeJson(folder.resolve("tokenizer_config.json"), tokenizerConfig, 2);
      writeJson(folder.resolve("special_tokens_map.json"), specialTokens, 2);
    }

    private static void writeTokenizerConfigs(Path folder) throws IOException {
      ObjectNode tokenizerConfig = JSON.createObjectNode();
      tokenizerConfig.put("clean_up_tokenization_spaces", true);
      tokenizerConfig.put("cls_token", "[CLS]");
      tokenizerConfig.put("do_basic_tokenize", true);
      tokenizerConfig.put("do_lower_case", true);
      tokenizerConfig.put("mask_token", "[MASK]");
      tokenizerConfig.put("model_max_length", 512);
      tokenizerConfig.putNull("never_split");
      tokenizerConfig.put("pad_token", "[PAD]");
      tokenizerConfig.put("sep_token", "[SEP]");
      tokenizerConfig.putNull("strip_accents");
      tokenizerConfig.put("tokenize_chinese_chars", true);
      tokenizerConfig.put("tokenizer_class", "BertTokenizer");
      tokenizerConfig.put("unk_token", "[UNK]");
      writeJson(folder.resolve("tokenizer_config.json"), tokenizerConfig, 2);

      ObjectNode specialTokens = JSON.createObjectNode();
      specialTokens.put("cls_token", "[CLS]");
      specialTokens.put("mask_token", "[MASK]");
      specialTokens.put("pad_token", "[PAD]");
      specialTokens.put("sep_token", "[SEP]");
      specialTokens.put("unk_token", "[UNK]");
      writeJson(folder.resolve("special_tokens_map.json"), specialTokens, 2);
    }

    private void writePooling(Path dir) throws IOException {
      // the key order of sentence-transformers' Pooling.config_keys
      ObjectNode config = JSON.createObjectNode();
      config.put("word_embedding_dimension", hidden);
      config.put("pooling_mode_cls_token", pooling.contains(PoolingMode.CLS));
      config.put("pooling_mode_mean_tokens", pooling.contains(PoolingMode.MEAN));
      config.put("pooling_mode_max_tokens", pooling.contains(PoolingMode.MAX));
      config.put("pooling_mode_mean_sqrt_len_tokens", pooling.contains(PoolingMode.MEAN_SQRT_LEN));
      config.put("pooling_mode_weightedmean_tokens", pooling.contains(PoolingMode.WEIGHTED_MEAN));
      config.put("pooling_mode_lasttoken", pooling.contains(PoolingMode.LAST_TOKEN));
      config.put("include_prompt", includePrompt);
      Files.createDirectories(dir);
      writeJson(dir.resolve("config.json"), config, 4);
    }

    private void writeDense(Path dir, DenseSpec spec, Random random) throws IOException {
      ObjectNode config = JSON.createObjectNode();
      config.put("in_features", spec.inFeatures());
      config.put("out_features", spec.outFeatures());
      config.put("bias", spec.bias());
      config.put("activation_function", spec.torchName());
      Files.createDirectories(dir);
      writeJson(dir.resolve("config.json"), config, 4);
      List<Tensor> tensors = new ArrayList<>();
      addLinear(tensors, "linear", spec.inFeatures(), spec.outFeatures(), spec.bias(), random);
      Safetensors.write(dir.resolve("model.safetensors"), tensors);
    }

    private void addLinear(
        List<Tensor> tensors, String name, int in, int out, boolean bias, Random random) {
      tensors.add(normal(name + ".weight", random, weightScale, out, in));
      if (bias) {
        tensors.add(normal(name + ".bias", random, weightScale, out));
      }
    }

    private void addLayerNorm(List<Tensor> tensors, String name, Random random) {
      Tensor weight = normal(name + ".weight", random, layerNormJitter, hidden);
      for (int i = 0; i < hidden; i++) {
        weight.data()[i] += 1;
      }
      tensors.add(weight);
      tensors.add(normal(name + ".bias", random, weightScale, hidden));
    }

    private static Tensor normal(String name, Random random, double scale, int... shape) {
      long[] dims = new long[shape.length];
      int count = 1;
      for (int i = 0; i < shape.length; i++) {
        dims[i] = shape[i];
        count = Math.multiplyExact(count, shape[i]);
      }
      float[] data = new float[count];
      for (int i = 0; i < count; i++) {
        data[i] = (float) (random.nextGaussian() * scale);
      }
      return new Tensor(name, dims, data);
    }

    private static int positive(String what, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(what + " must be positive, got: " + value);
      }
      return value;
    }
  }

  /** Writes JSON as Python's {@code json.dump(obj, f, indent=n)} lays it out. */
  private static void writeJson(Path file, Object value, int indent) throws IOException {
    DefaultIndenter indenter = new DefaultIndenter(" ".repeat(indent), "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    Files.writeString(file, JSON.writer(printer).writeValueAsString(value), StandardCharsets.UTF_8);
  }
}
