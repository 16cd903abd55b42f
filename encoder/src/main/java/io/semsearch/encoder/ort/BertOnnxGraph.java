package io.semsearch.encoder.ort;

import io.semsearch.encoder.model.Architecture;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.OutputLayer;
import io.semsearch.encoder.model.PoolingConfig;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.model.WeightMap;
import io.semsearch.encoder.model.onnx.OnnxGraphBuilder;
import io.semsearch.encoder.model.onnx.OnnxGraphBuilder.Attribute;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Generates the ONNX graph of a sentence-transformers BERT model from its weights: the same forward
 * pass as the libtorch engine, on the same packed batches.
 *
 * <p>Token rows of all sequences are concatenated without padding ({@code T} rows) for everything
 * that works token by token: embeddings, the Linear layers, GELU, LayerNorm. Attention gathers the
 * packed QKV rows into a padded {@code [B, heads, L, L]} layout and the context back; the caller
 * feeds the two row indices and the additive attention bias with each batch (see {@link
 * PackedInputs}). The query, key and value projections are fused into one {@code [H, 3H]} product
 * with the attention scale folded into the query columns.
 *
 * <p>Pooling modes that average tokens (cls, mean, mean_sqrt_len, weightedmean, lasttoken) are one
 * product each, {@code P [B, T] x hidden [T, H]}, with the weights {@code P} computed per batch by
 * the caller; max pooling runs on the padded layout. Dense and Normalize modules follow in float32.
 *
 * <p>Only the encoder's Linear layers take the {@link LinearKernel}: embeddings, LayerNorm,
 * softmax, attention's own products, pooling and the output modules are float32 whatever the
 * kernel.
 */
final class BertOnnxGraph {

  static final String IDS = "input_ids";
  static final String TYPE_IDS = "token_type_ids";
  static final String POSITIONS = "positions";
  static final String ATTENTION_BIAS = "attention_bias";
  static final String SLOT_TO_TOKEN = "slot_to_token";
  static final String TOKEN_TO_SLOT = "token_to_slot";
  static final String BATCH_SHAPE = "batch_shape";
  static final String MAX_BIAS = "max_pooling_bias";
  static final String OUTPUT = "sentence_embedding";

  /** ONNX opset: 17 has LayerNormalization and still takes Reduce axes as attributes. */
  private static final int OPSET = 17;

  /** The linear pooling modes in sentence-transformers' order, max aside; each a graph input. */
  enum LinearPooling {
    CLS,
    MEAN,
    MEAN_SQRT_LEN,
    WEIGHTED_MEAN,
    LAST_TOKEN;

    String input() {
      return "pooling_" + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final OnnxGraphBuilder g = new OnnxGraphBuilder("sentence_transformer");
  private final BertConfig config;
  private final LinearKernel kernel;
  private final int weightLimit;
  private int denseCount;

  private BertOnnxGraph(BertConfig config, LinearKernel kernel, int weightLimit) {
    this.config = config;
    this.kernel = kernel;
    this.weightLimit = weightLimit;
  }

  /**
   * The model's graph as ONNX bytes.
   *
   * @param weightLimit the largest int8 weight magnitude (127, or 63 where the CPU lacks VNNI); not
   *     used by {@link LinearKernel#FP32}
   * @throws ModelFormatException if a weight is missing or has the wrong shape, naming it and the
   *     file
   */
  static byte[] build(ModelSpec spec, LinearKernel kernel, int weightLimit) throws IOException {
    return build(spec, kernel, weightLimit, false);
  }

  /**
   * The graph of {@code spec}; with {@code pairs}, each token's type is read from the {@value
   * #TYPE_IDS} input (a cross-encoder's sentence pairs) instead of every token having type 0.
   */
  static byte[] build(ModelSpec spec, LinearKernel kernel, int weightLimit, boolean pairs)
      throws IOException {
    Architecture architecture = spec.transformer().config().architecture();
    if (architecture.relativeAttentionBuckets() > 0) {
      throw new IllegalArgumentException(
          "--precision int8 does not run model_type '"
              + architecture.modelType()
              + "' (its relative attention bias is not in the generated ONNX graph); use fp32");
    }
    BertOnnxGraph graph = new BertOnnxGraph(spec.transformer().config(), kernel, weightLimit);
    return graph.emit(spec, pairs);
  }

  private byte[] emit(ModelSpec spec, boolean pairs) throws IOException {
    int h = config.hiddenSize();
    g.input(IDS, OnnxGraphBuilder.INT64, "T");
    if (pairs) {
      g.input(TYPE_IDS, OnnxGraphBuilder.INT64, "T");
    }
    g.input(POSITIONS, OnnxGraphBuilder.INT64, "T");
    g.input(ATTENTION_BIAS, OnnxGraphBuilder.FLOAT, "B", 1, 1, "L");
    g.input(SLOT_TO_TOKEN, OnnxGraphBuilder.INT64, "BL");
    g.input(TOKEN_TO_SLOT, OnnxGraphBuilder.INT64, "T");
    g.input(BATCH_SHAPE, OnnxGraphBuilder.INT64, 2);
    WeightMap w = WeightMap.read(spec.transformer().weights());
    String x = embeddings(w, h, pairs);
    String qkvShape =
        g.node(
            "Concat",
            List.of(BATCH_SHAPE, g.longs(3, config.numHeads(), config.headSize())),
            Attribute.of("axis", 0L));
    for (int i = 0; i < config.numLayers(); i++) {
      x = layer(w, "encoder.layer." + i + ".", x, qkvShape);
    }
    String pooled = pool(spec.pooling(), x);
    int width = spec.pooling().outputDimension();
    for (OutputLayer layer : spec.outputLayers()) {
      switch (layer) {
        case OutputLayer.Dense dense -> {
          pooled = dense(dense, pooled);
          width = dense.outFeatures();
        }
        case OutputLayer.Normalize normalize -> pooled = normalize(pooled);
      }
    }
    g.output(pooled, OnnxGraphBuilder.FLOAT, "B", width);
    return g.toModel(OPSET, "semsearch");
  }

  private String embeddings(WeightMap w, int h, boolean pairs) throws ModelFormatException {
    String words = put(w.get("embeddings.word_embeddings.weight", config.vocabSize(), h));
    String positions =
        put(w.get("embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h));
    String sum =
        g.node(
            "Add",
            List.of(
                g.node("Gather", List.of(words, IDS)),
                g.node("Gather", List.of(positions, POSITIONS))));
    if (pairs || config.architecture().tokenTypes()) {
      Tensor types = w.get("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
      String typeRow =
          pairs
              ? g.node("Gather", List.of(put(types), TYPE_IDS))
              : g.floats("token_type_0", new long[] {h}, Arrays.copyOf(types.data(), h));
      sum = g.node("Add", List.of(sum, typeRow));
    }
    return layerNorm(w, "embeddings.LayerNorm", sum);
  }

  /** One post-LayerNorm transformer block on packed rows {@code [T, H]}. */
  private String layer(WeightMap w, String prefix, String x, String qkvShape)
      throws ModelFormatException {
    int h = config.hiddenSize();
    Architecture.LayerNames names = config.architecture().layerNames();
    float scale = (float) (1.0 / Math.sqrt(config.headSize()));
    WeightMap.FusedProjection fused = w.fusedQkv(prefix, names, h, scale);
    String qkv = linear(prefix + "qkv", x, fused.weight().data(), fused.bias().data(), 3 * h, h);
    // [T, 3H] -> [B * L, 3H] -> [B, L, 3, heads, hs] -> [3, B, heads, L, hs]
    String padded = g.node("Gather", List.of(qkv, SLOT_TO_TOKEN), Attribute.of("axis", 0L));
    String split =
        g.node(
            "Transpose",
            List.of(g.node("Reshape", List.of(padded, qkvShape))),
            Attribute.ofInts("perm", 2, 0, 3, 1, 4));
    String q = g.node("Gather", List.of(split, g.int64s(prefix + "q_index", new long[0], 0)));
    String k = g.node("Gather", List.of(split, g.int64s(prefix + "k_index", new long[0], 1)));
    String v = g.node("Gather", List.of(split, g.int64s(prefix + "v_index", new long[0], 2)));
    String kT = g.node("Transpose", List.of(k), Attribute.ofInts("perm", 0, 1, 3, 2));
    String scores = g.node("Add", List.of(g.node("MatMul", List.of(q, kT)), ATTENTION_BIAS));
    String probs = g.node("Softmax", List.of(scores), Attribute.of("axis", -1L));
    String context =
        g.node(
            "Reshape",
            List.of(
                g.node(
                    "Transpose",
                    List.of(g.node("MatMul", List.of(probs, v))),
                    Attribute.ofInts("perm", 0, 2, 1, 3)),
                g.longs(-1, h)));
    String packed = g.node("Gather", List.of(context, TOKEN_TO_SLOT), Attribute.of("axis", 0L));
    String attended =
        layerNorm(
            w,
            prefix + names.attentionNorm(),
            g.node("Add", List.of(linear(w, prefix + names.attentionOutput(), packed, h, h), x)));
    int inter = config.intermediateSize();
    String inner =
        OnnxActivations.apply(
            g, config.hiddenAct(), linear(w, prefix + "intermediate.dense", attended, inter, h));
    String out = linear(w, prefix + "output.dense", inner, h, inter);
    return layerNorm(w, prefix + "output.LayerNorm", g.node("Add", List.of(out, attended)));
  }

  private String linear(WeightMap w, String name, String x, int out, int in)
      throws ModelFormatException {
    return linear(
        name,
        x,
        w.get(name + ".weight", out, in).data(),
        w.get(name + ".bias", out).data(),
        out,
        in);
  }

  /** {@code x W^T + b} for {@code W [out, in]} with the graph's kernel. */
  private String linear(String name, String x, float[] weight, float[] bias, int out, int in) {
    String b = g.floats(name + ".bias", new long[] {out}, bias);
    if (kernel == LinearKernel.FP32) {
      return fp32Linear(name, x, weight, b, out, in);
    }
    Int8Weights q = Int8Weights.perChannel(weight, out, in, weightLimit);
    String qw = g.int8s(name + ".weight_int8", new long[] {in, out}, q.transposed());
    String scales = g.floats(name + ".weight_scale", new long[] {out}, q.scales());
    if (kernel == LinearKernel.DYNAMIC_QUANTIZE_MATMUL) {
      return g.node(
          OnnxGraphBuilder.MICROSOFT, "DynamicQuantizeMatMul", List.of(x, qw, scales, "", b));
    }
    List<String> xq = g.nodeWithOutputs("", "DynamicQuantizeLinear", List.of(x), 3);
    String product = g.node("MatMulInteger", List.of(xq.get(0), qw, xq.get(2)));
    String asFloat =
        g.node("Cast", List.of(product), Attribute.of("to", (long) OnnxGraphBuilder.FLOAT));
    String scale = g.node("Mul", List.of(xq.get(1), scales));
    return g.node("Add", List.of(g.node("Mul", List.of(asFloat, scale)), b));
  }

  private String fp32Linear(String name, String x, float[] weight, String bias, int out, int in) {
    Tensor transposed = new Tensor(name, new long[] {out, in}, weight).transpose2d();
    String wt = g.floats(name + ".weight_t", new long[] {in, out}, transposed.data());
    return g.node("Add", List.of(g.node("MatMul", List.of(x, wt)), bias));
  }

  private String layerNorm(WeightMap w, String name, String x) throws ModelFormatException {
    int h = config.hiddenSize();
    return g.node(
        "LayerNormalization",
        List.of(x, put(w.get(name + ".weight", h)), put(w.get(name + ".bias", h))),
        Attribute.of("axis", -1L),
        Attribute.of("epsilon", (float) config.layerNormEps()));
  }

  /** Pooled vectors {@code [B, H * modes]} of the last hidden rows {@code [T, H]}. */
  private String pool(PoolingConfig pooling, String hidden) {
    List<String> parts = new ArrayList<>();
    if (pooling.cls()) {
      parts.add(linearPooling(LinearPooling.CLS, hidden));
    }
    if (pooling.max()) {
      g.input(MAX_BIAS, OnnxGraphBuilder.FLOAT, "B", "L", 1);
      String padded = g.node("Gather", List.of(hidden, SLOT_TO_TOKEN), Attribute.of("axis", 0L));
      String shape =
          g.node(
              "Concat",
              List.of(BATCH_SHAPE, g.longs(config.hiddenSize())),
              Attribute.of("axis", 0L));
      String biased = g.node("Add", List.of(g.node("Reshape", List.of(padded, shape)), MAX_BIAS));
      parts.add(
          g.node(
              "ReduceMax",
              List.of(biased),
              Attribute.ofInts("axes", 1),
              Attribute.of("keepdims", 0L)));
    }
    if (pooling.mean()) {
      parts.add(linearPooling(LinearPooling.MEAN, hidden));
    }
    if (pooling.meanSqrtLen()) {
      parts.add(linearPooling(LinearPooling.MEAN_SQRT_LEN, hidden));
    }
    if (pooling.weightedMean()) {
      parts.add(linearPooling(LinearPooling.WEIGHTED_MEAN, hidden));
    }
    if (pooling.lastToken()) {
      parts.add(linearPooling(LinearPooling.LAST_TOKEN, hidden));
    }
    return parts.size() == 1 ? parts.get(0) : g.node("Concat", parts, Attribute.of("axis", 1L));
  }

  private String linearPooling(LinearPooling mode, String hidden) {
    g.input(mode.input(), OnnxGraphBuilder.FLOAT, "B", "T");
    return g.node("MatMul", List.of(mode.input(), hidden));
  }

  private String dense(OutputLayer.Dense dense, String x) throws IOException {
    WeightMap w = WeightMap.read(dense.weights());
    Tensor weight = w.get("linear.weight", dense.outFeatures(), dense.inFeatures());
    String name = "dense_" + denseCount++;
    String y;
    if (dense.bias()) {
      String b = put(w.get("linear.bias", dense.outFeatures()).withName(name + ".bias"));
      y = fp32Linear(name, x, weight.data(), b, dense.outFeatures(), dense.inFeatures());
    } else {
      Tensor t = weight.transpose2d();
      y = g.node("MatMul", List.of(x, g.floats(name + ".weight_t", t.shape(), t.data())));
    }
    return OnnxActivations.apply(g, dense.activation(), y);
  }

  /** {@code x / max(||x||, 1e-12)} per row. */
  private String normalize(String x) {
    String norm =
        g.node("ReduceL2", List.of(x), Attribute.ofInts("axes", 1), Attribute.of("keepdims", 1L));
    return g.node("Div", List.of(x, g.node("Max", List.of(norm, g.scalar(1e-12f)))));
  }

  private String put(Tensor t) {
    return g.floats(t.name(), t.shape(), t.data());
  }
}
