package io.semsearch.encoder.model.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.model.Activation;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a BERT encoder exported to ONNX by {@code torch.onnx} (as in the Hugging Face Optimum and
 * Xenova exports) into a standard sentence-transformers folder: BERT weights under Hugging Face
 * names in {@code model.safetensors}, {@code config.json}, the tokenizer, then mean pooling and
 * normalization.
 *
 * <p>Weights are named as follows:
 *
 * <ol>
 *   <li>An initializer read by a {@code MatMul} node as its second operand is a {@code Linear}
 *       weight that the exporter stored transposed, as {@code [in, out]} under an anonymous name
 *       ({@code onnx::MatMul_787}). It takes its name from the node: {@code
 *       /encoder/layer.0/attention/self/query/MatMul} gives {@code
 *       encoder.layer.0.attention.self.query.weight}, and is transposed back to {@code [out, in]}.
 *   <li>Any other initializer whose name ends in {@code .weight} or {@code .bias} already carries
 *       its Hugging Face name (embeddings, biases, LayerNorms) and is kept as is.
 *   <li>Everything else is not a weight and is dropped: buffers such as {@code
 *       embeddings.position_ids} (INT64) and constants folded by the exporter.
 * </ol>
 *
 * A leading {@code bert.} is removed from every name. The result must be exactly the parameters of
 * a Hugging Face {@code BertModel} (the pooler is optional) with consistent shapes; the sizes in
 * {@code config.json} are read from those shapes. Only the number of attention heads can't be seen
 * in the weights and comes from {@link Options}. Weights of other kinds must be FLOAT; other data
 * types are refused with the tensor's name.
 *
 * <p>The marker file {@value #MARKER_FILE}, which records the source, the importer version and a
 * fingerprint of the import's settings ({@link Options#settingsFingerprint()}), is written last: a
 * folder without it is incomplete.
 */
public final class OnnxBertImporter {

  /** Version of the import rules; bump it when the output changes, so old imports are redone. */
  public static final String VERSION = "1";

  /** File written last into an imported folder, recording the source and {@link #VERSION}. */
  public static final String MARKER_FILE = "semsearch_import.json";

  /** Attention heads of all-MiniLM-L6-v2 and of BERT-base. */
  public static final int DEFAULT_NUM_HEADS = 12;

  /** The {@code max_seq_length} sentence-transformers uses for all-MiniLM-L6-v2. */
  public static final int DEFAULT_MAX_SEQ_LENGTH = 256;

  /** LayerNorm epsilon of every BERT checkpoint this importer targets. */
  public static final double LAYER_NORM_EPS = 1e-12;

  private static final Logger LOG = LoggerFactory.getLogger(OnnxBertImporter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();
  private static final Pattern LINEAR_NODE = Pattern.compile("/?(.+)/MatMul");
  private static final Pattern MODULE_PATH =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
  private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\..*");
  private static final String PREFIX = "bert.";

  /**
   * How to import.
   *
   * @param source what the ONNX model is, recorded in the marker file, e.g. Maven coordinates
   * @param numHeads attention heads, which the weights don't reveal
   * @param maxSeqLength the {@code max_seq_length} written to {@code sentence_bert_config.json}
   * @param doLowerCase the {@code do_lower_case} written to {@code sentence_bert_config.json}
   * @param pooling how {@code 1_Pooling/config.json} pools the token vectors
   * @param prompts prompt texts by name for {@code config_sentence_transformers.json}, written only
   *     when there are any (for example {@code "query"} for queries, see {@link
   *     io.semsearch.encoder.model.Prompts})
   */
  public record Options(
      String source,
      int numHeads,
      int maxSeqLength,
      boolean doLowerCase,
      Pooling pooling,
      Map<String, String> prompts) {

    /** Validates the values and copies the prompts, keeping their order. */
    public Options {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(pooling, "pooling");
      prompts = Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
      if (source.isBlank()) {
        throw new IllegalArgumentException("source must not be blank");
      }
      if (numHeads < 1) {
        throw new IllegalArgumentException("numHeads must be at least 1, got: " + numHeads);
      }
      if (maxSeqLength < 2) {
        throw new IllegalArgumentException("maxSeqLength must be at least 2, got: " + maxSeqLength);
      }
    }

    /** Mean pooling and no prompts, as all-MiniLM-L6-v2 and most sentence-transformers models. */
    public Options(String source, int numHeads, int maxSeqLength, boolean doLowerCase) {
      this(source, numHeads, maxSeqLength, doLowerCase, Pooling.MEAN, Map.of());
    }

    /**
     * A SHA-256 (64 hex digits) of everything the import decides besides the source: heads,
     * max_seq_length, lower-casing, pooling and the prompts in order. The marker records it, so a
     * folder imported under other settings is imported again ({@link #isImported(Path, String,
     * String)}).
     */
    public String settingsFingerprint() {
      StringBuilder text =
          new StringBuilder()
              .append("num_heads=")
              .append(numHeads)
              .append("\nmax_seq_length=")
              .append(maxSeqLength)
              .append("\ndo_lower_case=")
              .append(doLowerCase)
              .append("\npooling=")
              .append(pooling.name());
      prompts.forEach(
          (name, prompt) ->
              text.append("\nprompt\0").append(name).append('\0').append(prompt).append('\0'));
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }

    /** Options for all-MiniLM-L6-v2: 12 heads, max_seq_length 256, no lower-casing. */
    public static Options defaults(String source) {
      return new Options(source, DEFAULT_NUM_HEADS, DEFAULT_MAX_SEQ_LENGTH, false);
    }
  }

  /** The sentence-transformers pooling modes the importer writes. */
  public enum Pooling {
    /** Mean over the attended tokens ({@code pooling_mode_mean_tokens}). */
    MEAN,
    /** The first token's vector ({@code pooling_mode_cls_token}), as BGE models use. */
    CLS
  }

  private final Options options;

  /** Creates an importer. */
  public OnnxBertImporter(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Writes the sentence-transformers folder for {@code model} into {@code folder}, creating it if
   * needed and overwriting files of the same names; the marker file comes last.
   *
   * @param tokenizerJson the {@code tokenizer.json} to copy verbatim
   * @return the BERT configuration written to {@code config.json}
   * @throws ModelFormatException if the graph is not a BERT encoder this importer understands; the
   *     message names the model and the offending tensors or nodes
   * @throws IOException if a file can't be written
   */
  public BertConfig importInto(OnnxModel model, byte[] tokenizerJson, Path folder)
      throws IOException {
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    Map<String, Tensor> weights = bertWeights(model);
    BertConfig config = deriveConfig(model, weights, options.numHeads());
    if (options.maxSeqLength() > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException(
          "maxSeqLength "
              + options.maxSeqLength()
              + " exceeds the model's "
              + config.maxPositionEmbeddings()
              + " position embeddings");
    }
    Files.createDirectories(folder);
    Safetensors.write(folder.resolve("model.safetensors"), weights.values());
    writeJson(folder.resolve("config.json"), configJson(config));
    writeJson(
        folder.resolve("sentence_bert_config.json"),
        JSON.createObjectNode()
            .put("max_seq_length", options.maxSeqLength())
            .put("do_lower_case", options.doLowerCase()));
    Files.write(folder.resolve("tokenizer.json"), tokenizerJson);
    writeJson(folder.resolve("modules.json"), modulesJson());
    Files.createDirectories(folder.resolve("1_Pooling"));
    writeJson(
        folder.resolve("1_Pooling/config.json"),
        poolingJson(config.hiddenSize(), options.pooling()));
    if (!options.prompts().isEmpty()) {
      writeJson(folder.resolve("config_sentence_transformers.json"), promptsJson());
    }
    Files.createDirectories(folder.resolve("2_Normalize"));
    writeJson(
        folder.resolve(MARKER_FILE),
        JSON.createObjectNode()
            .put("importer", OnnxBertImporter.class.getName())
            .put("importer_version", VERSION)
            .put("source", options.source())
            .put("settings", options.settingsFingerprint())
            .put("onnx_producer", model.producer())
            .put("imported_at", Instant.now().toString()));
    LOG.info(
        "Imported {} ({} tensors, {} layers, hidden size {}) into {}",
        model.source(),
        weights.size(),
        config.numLayers(),
        config.hiddenSize(),
        folder);
    return config;
  }

  /**
   * Returns whether {@code folder} holds a complete import by this importer version, of {@code
   * source} if that is not {@code null}.
   */
  public static boolean isImported(Path folder, String source) {
    return isImported(folder, source, null);
  }

  /**
   * Returns whether {@code folder} holds a complete import by this importer version, of {@code
   * source} if that is not {@code null}, made with the settings whose {@link
   * Options#settingsFingerprint()} is {@code settings} if that is not {@code null} (a marker
   * written before settings were recorded matches none).
   */
  public static boolean isImported(Path folder, String source, String settings) {
    Path marker = folder.resolve(MARKER_FILE);
    if (!Files.isRegularFile(marker)) {
      return false;
    }
    try {
      JsonNode json = JSON.readTree(Files.readAllBytes(marker));
      return VERSION.equals(json.path("importer_version").asText())
          && (source == null || source.equals(json.path("source").asText()))
          && (settings == null || settings.equals(json.path("settings").asText()));
    } catch (IOException e) {
      LOG.warn(
          "Unreadable import marker {} ({}); the folder will be imported again",
          marker,
          e.toString());
      return false;
    }
  }

  /**
   * Maps the graph's initializers to the parameters of a Hugging Face {@code BertModel}, following
   * the rules in the class description, in the model's canonical order.
   *
   * @throws ModelFormatException if a weight can't be named, is not FLOAT, is missing or has a
   *     shape inconsistent with the others
   */
  public static Map<String, Tensor> bertWeights(OnnxModel model) throws ModelFormatException {
    Map<String, OnnxNode> linearNodes = linearNodesByWeight(model);
    Map<String, Tensor> named = new HashMap<>();
    List<String> dropped = new ArrayList<>();
    for (OnnxInitializer init : model.initializers().values()) {
      OnnxNode linear = linearNodes.get(init.name());
      String name;
      if (linear != null) {
        name = linearWeightName(model, linear, init);
      } else if (init.name().endsWith(".weight") || init.name().endsWith(".bias")) {
        name = stripPrefix(init.name());
      } else {
        dropped.add(init.name());
        continue;
      }
      Tensor tensor = decode(model, init);
      if (linear != null) {
        if (tensor.rank() != 2) {
          throw new ModelFormatException(
              model.source()
                  + ": MatMul weight "
                  + init.name()
                  + " of node "
                  + linear.name()
                  + " has shape "
                  + Arrays.toString(tensor.shape())
                  + "; a 2-d [in, out] matrix was expected");
        }
        tensor = tensor.transpose2d();
      }
      if (named.putIfAbsent(name, tensor.withName(name)) != null) {
        throw new ModelFormatException(
            model.source()
                + ": two initializers map to weight "
                + name
                + " (the second is "
                + init.name()
                + ")");
      }
    }
    if (!dropped.isEmpty()) {
      LOG.info(
          "Dropped {} initializers of {} that are not weights: {}",
          dropped.size(),
          model.source(),
          dropped.size() <= 10 ? dropped : dropped.subList(0, 10) + " ...");
    }
    return canonical(model, named);
  }

  private static Map<String, OnnxNode> linearNodesByWeight(OnnxModel model)
      throws ModelFormatException {
    Map<String, OnnxNode> byWeight = new HashMap<>();
    for (OnnxNode node : model.nodes()) {
      if (node.opType().equals("MatMul")
          && node.inputs().size() == 2
          && model.initializers().containsKey(node.inputs().get(1))) {
        OnnxNode previous = byWeight.putIfAbsent(node.inputs().get(1), node);
        if (previous != null) {
          throw new ModelFormatException(
              model.source()
                  + ": initializer "
                  + node.inputs().get(1)
                  + " is the weight of two MatMul nodes, "
                  + previous.name()
                  + " and "
                  + node.name());
        }
      }
    }
    return byWeight;
  }

  private static String linearWeightName(OnnxModel model, OnnxNode node, OnnxInitializer init)
      throws ModelFormatException {
    Matcher m = LINEAR_NODE.matcher(node.name());
    String path = m.matches() ? m.group(1).replace('/', '.') : "";
    if (!MODULE_PATH.matcher(path).matches()) {
      throw new ModelFormatException(
          model.source()
              + ": can't name MatMul weight "
              + init.name()
              + ": its node '"
              + node.name()
              + "' is not named after a module (expected e.g."
              + " /encoder/layer.0/attention/self/query/MatMul)");
    }
    return stripPrefix(path) + ".weight";
  }

  private static String stripPrefix(String name) {
    return name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
  }

  private static Tensor decode(OnnxModel model, OnnxInitializer init) throws ModelFormatException {
    try {
      return init.toTensor();
    } catch (ModelFormatException e) {
      throw new ModelFormatException(model.source() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Orders the weights as a BertModel state dict, checking that each one is there with its shape.
   */
  private static Map<String, Tensor> canonical(OnnxModel model, Map<String, Tensor> named)
      throws ModelFormatException {
    Map<String, long[]> expected = expectedShapes(model, named);
    List<String> problems = new ArrayList<>();
    Map<String, Tensor> ordered = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      Tensor t = named.get(e.getKey());
      if (t == null) {
        problems.add(e.getKey() + " is missing");
      } else if (!Arrays.equals(t.shape(), e.getValue())) {
        problems.add(
            e.getKey()
                + " has shape "
                + Arrays.toString(t.shape())
                + ", expected "
                + Arrays.toString(e.getValue()));
      } else {
        ordered.put(e.getKey(), t);
      }
    }
    if (!problems.isEmpty()) {
      throw new ModelFormatException(
          model.source()
              + ": not a BERT encoder: "
              + String.join("; ", problems.size() <= 8 ? problems : problems.subList(0, 8))
              + (problems.size() > 8 ? "; and " + (problems.size() - 8) + " more" : ""));
    }
    Set<String> extra = new TreeSet<>(named.keySet());
    extra.removeAll(ordered.keySet());
    if (!extra.isEmpty()) {
      LOG.warn(
          "Dropped {} weights of {} that a BertModel does not have: {}",
          extra.size(),
          model.source(),
          extra);
    }
    return ordered;
  }

  /** The parameters of a BertModel with the sizes the embeddings and layer 0 show. */
  private static Map<String, long[]> expectedShapes(OnnxModel model, Map<String, Tensor> named)
      throws ModelFormatException {
    int hidden = dim(model, named, "embeddings.word_embeddings.weight", 1);
    long vocab = dim(model, named, "embeddings.word_embeddings.weight", 0);
    long positions = dim(model, named, "embeddings.position_embeddings.weight", 0);
    long types = dim(model, named, "embeddings.token_type_embeddings.weight", 0);
    long inter = dim(model, named, "encoder.layer.0.intermediate.dense.weight", 0);
    int layers = numLayers(named);
    long h = hidden;
    Map<String, long[]> shapes = new LinkedHashMap<>();
    shapes.put("embeddings.word_embeddings.weight", new long[] {vocab, h});
    shapes.put("embeddings.position_embeddings.weight", new long[] {positions, h});
    shapes.put("embeddings.token_type_embeddings.weight", new long[] {types, h});
    shapes.put("embeddings.LayerNorm.weight", new long[] {h});
    shapes.put("embeddings.LayerNorm.bias", new long[] {h});
    for (int l = 0; l < layers; l++) {
      String p = "encoder.layer." + l + ".";
      for (String linear :
          List.of(
              "attention.self.query",
              "attention.self.key",
              "attention.self.value",
              "attention.output.dense")) {
        shapes.put(p + linear + ".weight", new long[] {h, h});
        shapes.put(p + linear + ".bias", new long[] {h});
      }
      shapes.put(p + "attention.output.LayerNorm.weight", new long[] {h});
      shapes.put(p + "attention.output.LayerNorm.bias", new long[] {h});
      shapes.put(p + "intermediate.dense.weight", new long[] {inter, h});
      shapes.put(p + "intermediate.dense.bias", new long[] {inter});
      shapes.put(p + "output.dense.weight", new long[] {h, inter});
      shapes.put(p + "output.dense.bias", new long[] {h});
      shapes.put(p + "output.LayerNorm.weight", new long[] {h});
      shapes.put(p + "output.LayerNorm.bias", new long[] {h});
    }
    if (named.containsKey("pooler.dense.weight") || named.containsKey("pooler.dense.bias")) {
      shapes.put("pooler.dense.weight", new long[] {h, h});
      shapes.put("pooler.dense.bias", new long[] {h});
    }
    return shapes;
  }

  private static int dim(OnnxModel model, Map<String, Tensor> named, String name, int i)
      throws ModelFormatException {
    Tensor t = named.get(name);
    if (t == null || t.rank() != 2) {
      throw new ModelFormatException(
          model.source()
              + ": not a BERT encoder: "
              + (t == null
                  ? name + " is missing"
                  : name + " has shape " + Arrays.toString(t.shape()) + ", expected 2 dimensions")
              + " (weights found: "
              + new TreeSet<>(named.keySet()).stream().limit(8).toList()
              + (named.size() > 8 ? " ...)" : ")"));
    }
    return t.dim(i);
  }

  private static int numLayers(Map<String, Tensor> named) {
    Set<Integer> indices = new HashSet<>();
    for (String name : named.keySet()) {
      Matcher m = LAYER.matcher(name);
      if (m.matches()) {
        indices.add(Integer.parseInt(m.group(1)));
      }
    }
    return indices.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
  }

  /**
   * Reads the BERT configuration off the weights' shapes; the activation is exact GELU, which the
   * graph must show as {@code Erf} nodes.
   */
  static BertConfig deriveConfig(OnnxModel model, Map<String, Tensor> weights, int numHeads)
      throws ModelFormatException {
    if (model.nodes().stream().noneMatch(n -> n.opType().equals("Erf"))) {
      throw new ModelFormatException(
          model.source()
              + ": the graph has no Erf node, so its activation is not exact GELU (the only one"
              + " this importer recognises)");
    }
    Tensor words = weights.get("embeddings.word_embeddings.weight");
    try {
      return new BertConfig(
          words.dim(0),
          words.dim(1),
          numLayers(weights),
          numHeads,
          weights.get("encoder.layer.0.intermediate.dense.weight").dim(0),
          Activation.GELU,
          LAYER_NORM_EPS,
          weights.get("embeddings.position_embeddings.weight").dim(0),
          weights.get("embeddings.token_type_embeddings.weight").dim(0));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(model.source() + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode configJson(BertConfig c) {
    ObjectNode json = JSON.createObjectNode();
    json.putArray("architectures").add("BertModel");
    json.put("model_type", "bert")
        .put("hidden_size", c.hiddenSize())
        .put("num_hidden_layers", c.numLayers())
        .put("num_attention_heads", c.numHeads())
        .put("intermediate_size", c.intermediateSize())
        .put("hidden_act", "gelu")
        .put("layer_norm_eps", c.layerNormEps())
        .put("max_position_embeddings", c.maxPositionEmbeddings())
        .put("type_vocab_size", c.typeVocabSize())
        .put("vocab_size", c.vocabSize())
        .put("pad_token_id", 0)
        .put("hidden_dropout_prob", 0.1)
        .put("attention_probs_dropout_prob", 0.1)
        .put("initializer_range", 0.02)
        .put("position_embedding_type", "absolute");
    return json;
  }

  private static ArrayNode modulesJson() {
    ArrayNode modules = JSON.createArrayNode();
    String[][] rows = {
      {"", "sentence_transformers.models.Transformer"},
      {"1_Pooling", "sentence_transformers.models.Pooling"},
      {"2_Normalize", "sentence_transformers.models.Normalize"}
    };
    for (int i = 0; i < rows.length; i++) {
      modules
          .addObject()
          .put("idx", i)
          .put("name", String.valueOf(i))
          .put("path", rows[i][0])
          .put("type", rows[i][1]);
    }
    return modules;
  }

  private static ObjectNode poolingJson(int dimension, Pooling pooling) {
    return JSON.createObjectNode()
        .put("word_embedding_dimension", dimension)
        .put("pooling_mode_cls_token", pooling == Pooling.CLS)
        .put("pooling_mode_mean_tokens", pooling == Pooling.MEAN)
        .put("pooling_mode_max_tokens", false)
        .put("pooling_mode_mean_sqrt_len_tokens", false)
        .put("pooling_mode_weightedmean_tokens", false)
        .put("pooling_mode_lasttoken", false)
        .put("include_prompt", true);
  }

  /** The prompts and no default prompt, so plain {@code encode} uses none. */
  private ObjectNode promptsJson() {
    ObjectNode json = JSON.createObjectNode();
    ObjectNode prompts = json.putObject("prompts");
    options.prompts().forEach(prompts::put);
    json.putNull("default_prompt_name");
    return json;
  }

  private static void writeJson(Path file, JsonNode json) throws IOException {
    Files.write(file, PRETTY.writeValueAsBytes(json));
  }
}
