package io.semsearch.encoder.torch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.model.Activation;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.OutputLayer;
import io.semsearch.encoder.model.SafetensorsWeights;
import io.semsearch.encoder.model.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A sentence-transformers BERT model as DJL NDArrays on one device: the BERT forward pass, pooling
 * and output layers, written with NDArray ops on the PyTorch engine.
 *
 * <p>This object owns one {@link NDManager} holding every weight. Each call to {@link #embed(List)}
 * works in its own sub-manager that is closed before it returns, and every op is called on an
 * activation (never on a weight), so the results land in that sub-manager and native memory is
 * freed batch by batch. Weights are read-only after construction, so several threads may call
 * {@link #embed(List)} at once.
 *
 * <p>Loading fuses the query, key and value projections into one {@code [3H, H]} matrix and folds
 * the attention scale {@code 1/sqrt(head size)} into the query rows.
 */
final class BertSentenceModel implements AutoCloseable {

  private final ModelSpec spec;
  private final BertConfig config;
  private final NDManager manager;
  private final DataType dataType;
  private final NDArray wordEmbeddings;
  private final NDArray positionEmbeddings;
  private final NDArray tokenTypeRow;
  private final LayerNormWeights embeddingNorm;
  private final List<EncoderLayer> layers;
  private final List<OutputStage> outputStages;

  private record LayerNormWeights(NDArray weight, NDArray bias) {}

  private record Linear(NDArray weight, NDArray bias) {
    NDArray apply(NDArray x) {
      return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }
  }

  private record EncoderLayer(
      Linear qkv,
      Linear attentionOutput,
      LayerNormWeights attentionNorm,
      Linear intermediate,
      Linear output,
      LayerNormWeights outputNorm) {}

  /** A module after pooling, loaded: maps pooled vectors {@code [B, D]} to {@code [B, D']}. */
  private sealed interface OutputStage permits DenseStage, NormalizeStage {
    NDArray apply(NDArray pooled);
  }

  /** A Dense module: its linear map, then its activation. */
  private record DenseStage(Activation activation, Linear linear) implements OutputStage {
    @Override
    public NDArray apply(NDArray pooled) {
      return ActivationOps.apply(activation, linear.apply(pooled));
    }
  }

  /** A Normalize module: {@code x / max(||x||, 1e-12)} per row. */
  private record NormalizeStage() implements OutputStage {
    @Override
    public NDArray apply(NDArray pooled) {
      return pooled.div(pooled.norm(new int[] {1}, true).maximum(1e-12f));
    }
  }

  /**
   * Loads the weights of {@code spec} onto {@code device}.
   *
   * @throws ModelFormatException if a weight is missing or has the wrong shape, naming it and the
   *     file
   */
  BertSentenceModel(ModelSpec spec, Device device, Precision precision) throws IOException {
    this.spec = spec;
    this.config = spec.transformer().config();
    this.dataType =
        switch (precision) {
          case FP32 -> DataType.FLOAT32;
          case FP16 -> DataType.FLOAT16;
          case BF16 -> DataType.BFLOAT16;
        };
    this.manager = NDManager.newBaseManager(device);
    boolean ok = false;
    try {
      Path file = spec.transformer().weights();
      WeightMap w = new WeightMap(SafetensorsWeights.read(file), file);
      int h = config.hiddenSize();
      wordEmbeddings = put(w.get("embeddings.word_embeddings.weight", config.vocabSize(), h));
      positionEmbeddings =
          put(w.get("embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h));
      Tensor tokenTypes =
          w.get("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
      tokenTypeRow =
          put(new Tensor("token_type_0", new long[] {h}, Arrays.copyOf(tokenTypes.data(), h)));
      embeddingNorm = layerNorm(w, "embeddings.LayerNorm", h);
      List<EncoderLayer> list = new ArrayList<>();
      for (int i = 0; i < config.numLayers(); i++) {
        list.add(loadLayer(w, "encoder.layer." + i + ".", h));
      }
      layers = List.copyOf(list);
      List<OutputStage> stages = new ArrayList<>();
      for (OutputLayer layer : spec.outputLayers()) {
        stages.add(
            switch (layer) {
              case OutputLayer.Dense dense -> loadDense(dense);
              case OutputLayer.Normalize normalize -> new NormalizeStage();
            });
      }
      outputStages = List.copyOf(stages);
      ok = true;
    } finally {
      if (!ok) {
        manager.close();
      }
    }
  }

  private DenseStage loadDense(OutputLayer.Dense dense) throws IOException {
    WeightMap w = new WeightMap(SafetensorsWeights.read(dense.weights()), dense.weights());
    Tensor weight = w.get("linear.weight", dense.outFeatures(), dense.inFeatures());
    NDArray bias = dense.bias() ? put(w.get("linear.bias", dense.outFeatures())) : null;
    return new DenseStage(dense.activation(), new Linear(put(weight), bias));
  }

  private EncoderLayer loadLayer(WeightMap w, String prefix, int h) throws ModelFormatException {
    String self = prefix + "attention.self.";
    float scale = (float) (1.0 / Math.sqrt(config.headSize()));
    Tensor q = scaled(w.get(self + "query.weight", h, h), scale);
    Tensor qb = scaled(w.get(self + "query.bias", h), scale);
    Tensor k = w.get(self + "key.weight", h, h);
    Tensor kb = w.get(self + "key.bias", h);
    Tensor v = w.get(self + "value.weight", h, h);
    Tensor vb = w.get(self + "value.bias", h);
    Tensor qkv =
        new Tensor(
            self + "qkv.weight", new long[] {3L * h, h}, concat(q.data(), k.data(), v.data()));
    Tensor qkvBias =
        new Tensor(self + "qkv.bias", new long[] {3L * h}, concat(qb.data(), kb.data(), vb.data()));
    int inter = config.intermediateSize();
    return new EncoderLayer(
        new Linear(put(qkv), put(qkvBias)),
        linear(w, prefix + "attention.output.dense", h, h),
        layerNorm(w, prefix + "attention.output.LayerNorm", h),
        linear(w, prefix + "intermediate.dense", inter, h),
        linear(w, prefix + "output.dense", h, inter),
        layerNorm(w, prefix + "output.LayerNorm", h));
  }

  private Linear linear(WeightMap w, String name, int out, int in) throws ModelFormatException {
    return new Linear(put(w.get(name + ".weight", out, in)), put(w.get(name + ".bias", out)));
  }

  private LayerNormWeights layerNorm(WeightMap w, String name, int h) throws ModelFormatException {
    return new LayerNormWeights(put(w.get(name + ".weight", h)), put(w.get(name + ".bias", h)));
  }

  private NDArray put(Tensor t) {
    NDArray array = manager.create(t.data(), new Shape(t.shape()));
    return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
  }

  private static Tensor scaled(Tensor t, float scale) {
    float[] out = new float[t.data().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.data()[i] * scale;
    }
    return new Tensor(t.name(), t.shape(), out);
  }

  private static boolean skipsAny(int[] skips) {
    if (skips != null) {
      for (int skip : skips) {
        if (skip > 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static float[] concat(float[]... parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** The model this object runs. */
  ModelSpec spec() {
    return spec;
  }

  /**
   * Embeds a batch of token id sequences (special tokens included, none longer than the position
   * table).
   *
   * <p>The batch runs packed: the token rows of all sequences are concatenated, without padding,
   * for everything that works token by token (embeddings, projections, feed-forward layers,
   * LayerNorms: nearly all the FLOPs). Only attention, which mixes the tokens of one sequence, sees
   * a padded {@code [B, heads, L, L]} layout: each layer gathers its packed QKV rows into padded
   * slots and gathers the context back. Sequences of different lengths thus cost what their own
   * tokens cost, and batches need not be grouped by length.
   *
   * @return one float32 embedding per sequence, in order
   */
  float[][] embed(List<long[]> sequences) {
    return embed(sequences, null);
  }

  /**
   * Embeds a batch as {@link #embed(List)} does, leaving the first {@code poolingSkips[b]} tokens
   * of sequence {@code b} out of pooling (a prompt the model's pooling excludes, with the {@code
   * [CLS]} before it); null or all zeros leaves none out.
   */
  float[][] embed(List<long[]> sequences, int[] poolingSkips) {
    int batch = sequences.size();
    if (poolingSkips != null && poolingSkips.length != batch) {
      throw new IllegalArgumentException(
          poolingSkips.length + " pooling skips for " + batch + " sequences");
    }
    for (long[] s : sequences) {
      if (s.length > config.maxPositionEmbeddings()) {
        throw new IllegalArgumentException(
            "sequence of "
                + s.length
                + " tokens exceeds max_position_embeddings "
                + config.maxPositionEmbeddings());
      }
    }
    try (NDManager scope = manager.newSubManager()) {
      PackedBatch packed = PackedBatch.of(sequences, scope);
      NDArray hidden = packed.toPadded(encode(packed), config.hiddenSize());
      NDArray poolingMask =
          skipsAny(poolingSkips)
              ? packed.poolingMask(sequences, poolingSkips, scope)
              : packed.mask();
      NDArray pooled = PoolingOps.pool(spec.pooling(), hidden, packed.mask(), poolingMask);
      for (OutputStage stage : outputStages) {
        pooled = stage.apply(pooled);
      }
      float[] flat = pooled.toType(DataType.FLOAT32, false).toFloatArray();
      int dim = flat.length / batch;
      float[][] out = new float[batch][];
      for (int b = 0; b < batch; b++) {
        out[b] = Arrays.copyOfRange(flat, b * dim, (b + 1) * dim);
      }
      return out;
    }
  }

  /** The BERT encoder on packed tokens: ids {@code [T]} to last hidden states {@code [T, H]}. */
  private NDArray encode(PackedBatch packed) {
    NDArray x =
        embedding(packed.ids(), wordEmbeddings)
            .addi(embedding(packed.positions(), positionEmbeddings))
            .addi(tokenTypeRow);
    x = norm(x, embeddingNorm);
    // Additive attention bias [B, 1, 1, L]: 0 where attended, the type's lowest value where padded.
    float lowest = dataType == DataType.FLOAT16 ? -65504f : -Float.MAX_VALUE;
    NDArray bias =
        packed
            .mask()
            .neg()
            .add(1f)
            .mul(lowest)
            .toType(dataType, false)
            .reshape(packed.batch(), 1, 1, packed.length());
    NDManager scope = x.getManager();
    for (EncoderLayer layer : layers) {
      try (NDManager layerScope = scope.newSubManager()) {
        x.tempAttach(layerScope);
        NDArray next = encoderLayer(layer, x, bias, packed);
        next.attach(scope);
        x = next;
      }
    }
    return x;
  }

  /**
   * One post-LayerNorm transformer block on packed tokens {@code [T, H]}: fused QKV projection,
   * masked softmax attention per head in the padded layout, output projection + residual +
   * LayerNorm, feed-forward + residual + LayerNorm.
   */
  private NDArray encoderLayer(EncoderLayer layer, NDArray x, NDArray bias, PackedBatch packed) {
    int h = config.hiddenSize();
    int heads = config.numHeads();
    int headSize = config.headSize();
    long batch = packed.batch();
    long length = packed.length();
    // [T, 3H] -> [B, L, 3H] -> [3, B, heads, L, headSize]
    NDArray qkv =
        packed
            .toPadded(layer.qkv().apply(x), 3 * h)
            .reshape(batch, length, 3, heads, headSize)
            .transpose(2, 0, 3, 1, 4);
    NDArray q = qkv.get(0);
    NDArray k = qkv.get(1);
    NDArray v = qkv.get(2);
    NDArray probs = q.matMul(k.transpose(0, 1, 3, 2)).addi(bias).softmax(-1);
    NDArray context =
        packed.toPacked(probs.matMul(v).transpose(0, 2, 1, 3).reshape(batch * length, h));
    // In-place residual adds (addi) on fresh results save an allocation each.
    NDArray attended = norm(layer.attentionOutput().apply(context).addi(x), layer.attentionNorm());
    NDArray inner = ActivationOps.apply(config.hiddenAct(), layer.intermediate().apply(attended));
    return norm(layer.output().apply(inner).addi(attended), layer.outputNorm());
  }

  private NDArray norm(NDArray x, LayerNormWeights w) {
    return x.getNDArrayInternal()
        .layerNorm(
            x, new Shape(config.hiddenSize()), w.weight(), w.bias(), (float) config.layerNormEps())
        .singletonOrThrow();
  }

  private static NDArray embedding(NDArray ids, NDArray table) {
    NDList out = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE);
    return out.singletonOrThrow();
  }

  /**
   * Arrays the model's manager holds, sub-managers included: constant after loading unless a batch
   * leaks.
   */
  int managedArrayCount() {
    return manager.getManagedArrays().size();
  }

  @Override
  public void close() {
    manager.close();
  }

  /** Weights by name, found with or without a {@code bert.} prefix, shapes checked. */
  private static final class WeightMap {
    private final Map<String, Tensor> tensors;
    private final Path file;

    WeightMap(Map<String, Tensor> tensors, Path file) {
      this.tensors = tensors;
      this.file = file;
    }

    Tensor get(String name, long... shape) throws ModelFormatException {
      Tensor t = tensors.get(name);
      if (t == null) {
        t = tensors.get("bert." + name);
      }
      if (t == null) {
        throw new ModelFormatException(file + ": missing weight " + name);
      }
      if (!Arrays.equals(t.shape(), shape)) {
        throw new ModelFormatException(
            file
                + ": weight "
                + name
                + " has shape "
                + Arrays.toString(t.shape())
                + ", expected "
                + Arrays.toString(shape));
      }
      return t;
    }
  }
}
