package io.semsearch.encoder.torch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.batch.TokenBatchModel;
import io.semsearch.encoder.model.Activation;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.CrossEncoderSpec;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.PoolingConfig;
import io.semsearch.encoder.model.WeightMap;
import io.semsearch.encoder.torch.BertForward.Linear;
import java.io.IOException;
import java.util.List;

/**
 * A {@code BertForSequenceClassification} with one label on DJL NDArrays, for inference: the BERT
 * encoder of {@link BertSentenceModel} (same weights loading, same packed forward pass) with real
 * token types, then on the {@code [CLS]} state the pooler ({@code tanh(dense(x))}, when the weights
 * have one), the classifier and the model's activation. Dropout is off at inference.
 *
 * <p>The sentence model it wraps owns the one {@link NDManager}: the head's weights are put in it
 * too, and each batch works in a sub-manager closed before it returns.
 */
final class BertCrossEncoderModel implements TokenBatchModel {

  private final BertSentenceModel body;
  private final NDArray tokenTypeTable;
  private final Linear pooler;
  private final Linear classifier;
  private final Activation activation;

  /**
   * Loads the weights of {@code spec} onto {@code device}.
   *
   * @throws ModelFormatException if a weight is missing or has the wrong shape, naming it and the
   *     file
   */
  BertCrossEncoderModel(CrossEncoderSpec spec, Device device, Precision precision)
      throws IOException {
    BertConfig config = spec.transformer().config();
    int h = config.hiddenSize();
    ModelSpec encoder =
        new ModelSpec(
            spec.id(), spec.folder(), spec.transformer(), PoolingConfig.meanOf(h), List.of());
    this.body = new BertSentenceModel(encoder, device, precision);
    this.activation = spec.activation();
    boolean ok = false;
    try {
      WeightMap w = WeightMap.read(spec.transformer().weights());
      this.tokenTypeTable =
          body.put(w.get("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h));
      this.pooler = hasPooler(w) ? linear(w, "pooler.dense", h, h) : null;
      this.classifier = linear(w, "classifier", CrossEncoderSpec.LABELS, h);
      ok = true;
    } finally {
      if (!ok) {
        body.close();
      }
    }
  }

  private static boolean hasPooler(WeightMap w) {
    try {
      w.fileName("pooler.dense.weight");
      return true;
    } catch (ModelFormatException absent) {
      return false;
    }
  }

  private Linear linear(WeightMap w, String name, int out, int in) throws ModelFormatException {
    return new Linear(
        body.put(w.get(name + ".weight", out, in)), body.put(w.get(name + ".bias", out)));
  }

  /** Whether the weights have a pooler, which then maps the {@code [CLS]} state. */
  boolean hasPooler() {
    return pooler != null;
  }

  /**
   * Scores a batch of pairs.
   *
   * @param sequences token ids of each pair, special tokens included
   * @param firstSegments tokens of type 0 of each pair ({@code [CLS]}, the query, its {@code
   *     [SEP]})
   * @return one score per pair, each as a one-element array
   */
  @Override
  public float[][] embed(List<long[]> sequences, int[] firstSegments) {
    body.forward().checkLengths(sequences);
    try (NDManager scope = body.newScope()) {
      PackedBatch packed = PackedBatch.ofPairs(sequences, firstSegments, scope);
      NDArray cls = body.forward().pairClsStates(packed, tokenTypeTable);
      NDArray pooled = pooler == null ? cls : pooler.apply(cls).tanh();
      NDArray scores = ActivationOps.apply(activation, classifier.apply(pooled));
      float[] flat = scores.toType(DataType.FLOAT32, false).toFloatArray();
      float[][] out = new float[sequences.size()][];
      for (int b = 0; b < out.length; b++) {
        out[b] = new float[] {flat[b]};
      }
      return out;
    }
  }

  @Override
  public void prepareWorkerThread(int intraOpThreads) {
    body.prepareWorkerThread(intraOpThreads);
  }

  @Override
  public Precision precision() {
    return body.precision();
  }

  @Override
  public String describe() {
    return body.describe();
  }

  @Override
  public void close() {
    body.close();
  }
}
