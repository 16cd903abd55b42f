package io.semsearch.encoder.torch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.batch.TokenBatchModel;
import io.semsearch.encoder.model.Architecture;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.OutputLayer;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.model.WeightMap;
import io.semsearch.encoder.torch.BertForward.BertWeights;
import io.semsearch.encoder.torch.BertForward.DenseStage;
import io.semsearch.encoder.torch.BertForward.EncoderLayer;
import io.semsearch.encoder.torch.BertForward.LayerNormWeights;
import io.semsearch.encoder.torch.BertForward.Linear;
import io.semsearch.encoder.torch.BertForward.NormalizeStage;
import io.semsearch.encoder.torch.BertForward.OutputStage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sentence-transformers BERT model as DJL NDArrays on one device, for inference: loads the
 * weights and runs {@link BertForward} on packed batches.
 *
 * <p>This object owns one {@link NDManager} holding every weight. Each call to {@link #embed(List)}
 * works in its own sub-manager that is closed before it returns, and the forward pass calls every
 * op on an activation (never on a weight), so the results land in that sub-manager and native
 * memory is freed batch by batch. Weights are read-only after construction and never record
 * gradients, so several threads may call {@link #embed(List)} at once and no autograd graph is
 * built.
 *
 * <p>Loading fuses the query, key and value projections into one {@code [3H, H]} matrix and folds
 * the attention scale {@code 1/sqrt(head size)} into the query rows.
 */
final class BertSentenceModel implements TokenBatchModel {

  private final ModelSpec spec;
  private final NDManager manager;
  private final DataType dataType;
  private final BertForward forward;
  private final Device device;
  private final Precision precision;

  /**
   * Loads the weights of {@code spec} onto {@code device}.
   *
   * @throws ModelFormatException if a weight is missing or has the wrong shape, naming it and the
   *     file
   */
  BertSentenceModel(ModelSpec spec, Device device, Precision precision) throws IOException {
    this.spec = spec;
    this.device = device;
    this.precision = precision;
    BertConfig config = spec.transformer().config();
    this.dataType =
        switch (precision) {
          case FP32 -> DataType.FLOAT32;
          case FP16 -> DataType.FLOAT16;
          case BF16 -> DataType.BFLOAT16;
          case INT8 ->
              throw new IllegalArgumentException(
                  "int8 runs on ONNX Runtime (SentenceEncoders opens it), not on libtorch");
        };
    this.manager = NDManager.newBaseManager(device);
    boolean ok = false;
    try {
      WeightMap w = WeightMap.read(spec.transformer().weights());
      int h = config.hiddenSize();
      NDArray wordEmbeddings =
          put(w.get("embeddings.word_embeddings.weight", config.vocabSize(), h));
      NDArray positionEmbeddings =
          put(w.get("embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h));
      Architecture architecture = config.architecture();
      NDArray tokenTypeRow = architecture.tokenTypes() ? tokenTypeRow(w, config) : null;
      NDArray relativeBias =
          architecture.relativeAttentionBuckets() > 0
              ? put(
                  w.get(
                      "encoder.relative_attention_bias.weight",
                      architecture.relativeAttentionBuckets(),
                      config.numHeads()))
              : null;
      LayerNormWeights embeddingNorm = layerNorm(w, "embeddings.LayerNorm", h);
      List<EncoderLayer> layers = new ArrayList<>();
      for (int i = 0; i < config.numLayers(); i++) {
        layers.add(loadLayer(w, config, "encoder.layer." + i + ".", h));
      }
      List<OutputStage> stages = new ArrayList<>();
      for (OutputLayer layer : spec.outputLayers()) {
        stages.add(
            switch (layer) {
              case OutputLayer.Dense dense -> loadDense(dense);
              case OutputLayer.Normalize normalize -> new NormalizeStage();
            });
      }
      BertWeights weights =
          new BertWeights(
              wordEmbeddings,
              positionEmbeddings,
              tokenTypeRow,
              relativeBias,
              embeddingNorm,
              List.copyOf(layers),
              List.copyOf(stages));
      this.forward = new BertForward(config, spec.pooling(), dataType, weights);
      ok = true;
    } finally {
      if (!ok) {
        manager.close();
      }
    }
  }

  private NDArray tokenTypeRow(WeightMap w, BertConfig config) throws ModelFormatException {
    int h = config.hiddenSize();
    Tensor tokenTypes = w.get("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
    return put(new Tensor("token_type_0", new long[] {h}, Arrays.copyOf(tokenTypes.data(), h)));
  }

  private DenseStage loadDense(OutputLayer.Dense dense) throws IOException {
    WeightMap w = WeightMap.read(dense.weights());
    Tensor weight = w.get("linear.weight", dense.outFeatures(), dense.inFeatures());
    NDArray bias = dense.bias() ? put(w.get("linear.bias", dense.outFeatures())) : null;
    return new DenseStage(dense.activation(), new Linear(put(weight), bias));
  }

  private EncoderLayer loadLayer(WeightMap w, BertConfig config, String prefix, int h)
      throws ModelFormatException {
    Architecture.LayerNames names = config.architecture().layerNames();
    float scale = (float) (1.0 / Math.sqrt(config.headSize()));
    WeightMap.FusedProjection qkv = w.fusedQkv(prefix, names, h, scale);
    int inter = config.intermediateSize();
    return new EncoderLayer(
        new Linear(put(qkv.weight()), put(qkv.bias())),
        linear(w, prefix + names.attentionOutput(), h, h),
        layerNorm(w, prefix + names.attentionNorm(), h),
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

  /** {@code t} as an array of the model's type in the model's manager, which owns it. */
  NDArray put(Tensor t) {
    NDArray array = manager.create(t.data(), new Shape(t.shape()));
    return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
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

  /** The model this object runs. */
  ModelSpec spec() {
    return spec;
  }

  /** The forward pass over this model's weights. */
  BertForward forward() {
    return forward;
  }

  /** A scope for one batch's arrays, to be closed by the caller. */
  NDManager newScope() {
    return manager.newSubManager();
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
  @Override
  public float[][] embed(List<long[]> sequences, int[] poolingSkips) {
    int batch = sequences.size();
    if (poolingSkips != null && poolingSkips.length != batch) {
      throw new IllegalArgumentException(
          poolingSkips.length + " pooling skips for " + batch + " sequences");
    }
    forward.checkLengths(sequences);
    try (NDManager scope = manager.newSubManager()) {
      PackedBatch packed =
          PackedBatch.of(sequences, forward.config().architecture().firstPosition(), scope);
      NDArray poolingMask =
          skipsAny(poolingSkips)
              ? packed.poolingMask(sequences, poolingSkips, scope)
              : packed.mask();
      NDArray pooled = forward.embed(packed, poolingMask);
      float[] flat = pooled.toType(DataType.FLOAT32, false).toFloatArray();
      int dim = flat.length / batch;
      float[][] out = new float[batch][];
      for (int b = 0; b < batch; b++) {
        out[b] = Arrays.copyOfRange(flat, b * dim, (b + 1) * dim);
      }
      return out;
    }
  }

  /**
   * Arrays the model's manager holds, sub-managers included: constant after loading unless a batch
   * leaks.
   */
  int managedArrayCount() {
    return manager.getManagedArrays().size();
  }

  /** Libtorch's thread settings are per thread: no autograd, {@code intraOpThreads} per op. */
  @Override
  public void prepareWorkerThread(int intraOpThreads) {
    JniUtils.setGradMode(false);
    JniUtils.setNumThreads(intraOpThreads);
  }

  @Override
  public Precision precision() {
    return precision;
  }

  @Override
  public String describe() {
    return device + " (" + dataType + ", libtorch)";
  }

  @Override
  public void close() {
    manager.close();
  }
}
