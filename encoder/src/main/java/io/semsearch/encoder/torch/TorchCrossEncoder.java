package io.semsearch.encoder.torch;

import ai.djl.Device;
import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.batch.EncoderSizing;
import io.semsearch.encoder.batch.TokenBatchModel;
import io.semsearch.encoder.model.CrossEncoderSpec;
import io.semsearch.encoder.torch.BatchQueue.Item;
import io.semsearch.encoder.torch.PairTokenizer.Pair;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CrossEncoder} on DJL's PyTorch engine. The calling thread tokenizes each (query,
 * passage) pair ({@link PairTokenizer}); a {@link BatchPipeline}, the same as the sentence
 * encoder's, batches the pairs of concurrent callers by priority and length and runs them on a
 * {@link BertCrossEncoderModel}, with the threads sized as the sentence encoder sizes them ({@link
 * EncoderSizing}).
 */
public final class TorchCrossEncoder implements CrossEncoder {

  private static final Logger LOG = LoggerFactory.getLogger(TorchCrossEncoder.class);

  private final CrossEncoderSpec spec;
  private final PairTokenizer tokenizer;
  private final BatchPipeline pipeline;

  /**
   * Loads {@code spec} on libtorch on the device {@code options} names and starts the workers.
   *
   * @throws IOException if the model's files can't be read or loaded, naming the file
   * @throws IllegalArgumentException if a GPU is asked for that the engine does not see
   */
  public TorchCrossEncoder(CrossEncoderSpec spec, EncoderOptions options) throws IOException {
    this(spec, options, TorchSentenceEncoder.chooseDevice(options.device()), null);
  }

  /**
   * Runs a cross-encoder another engine computes on the CPU (int8 on ONNX Runtime) in this
   * pipeline: the same pair tokenizer, batch queue and thread sizing. The loader's model takes
   * token ids and first-segment lengths and returns one score per pair.
   *
   * @throws IOException if the model's files can't be read or the engine can't load it
   */
  public static TorchCrossEncoder onCpu(
      CrossEncoderSpec spec, EncoderOptions options, TokenBatchModel.Loader loader)
      throws IOException {
    return new TorchCrossEncoder(spec, options, Device.cpu(), Objects.requireNonNull(loader));
  }

  private TorchCrossEncoder(
      CrossEncoderSpec spec,
      EncoderOptions options,
      Device device,
      TokenBatchModel.Loader loader) // null for libtorch
      throws IOException {
    this.spec = Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    EncoderSizing sizing =
        EncoderSizing.choose(options, device.isGpu(), Runtime.getRuntime().availableProcessors());
    this.tokenizer = new PairTokenizer(spec.transformer());
    TokenBatchModel model;
    try {
      model =
          loader != null
              ? loader.load(sizing)
              : new BertCrossEncoderModel(
                  spec, device, TorchSentenceEncoder.torchPrecision(options, device));
    } catch (IOException | RuntimeException e) {
      tokenizer.close();
      throw e;
    }
    this.pipeline = new BatchPipeline(model, sizing, options.maxBatchWaitMicros(), null, "rerank");
    LOG.info(
        "cross-encoder {} on {}: activation {}, max_seq_length {}, {} worker(s) x {} intra-op"
            + " thread(s), batch size {}",
        spec.id(),
        model.describe(),
        spec.activation(),
        spec.transformer().maxSeqLength(),
        sizing.workers(),
        sizing.intraOpThreads(),
        sizing.batchSize());
  }

  @Override
  public float[] score(String query, List<String> passages, EncodeRequest request) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(passages, "passages");
    Objects.requireNonNull(request, "request");
    float[][] scores =
        pipeline.process(
            passages.size(),
            request,
            (i, call) -> {
              String passage = Objects.requireNonNull(passages.get(i), "passage at index " + i);
              Pair pair = tokenizer.encode(query, passage);
              return new Item(pair.ids(), pair.firstSegment(), i, call);
            });
    float[] out = new float[scores.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = scores[i][0];
    }
    return out;
  }

  @Override
  public String modelId() {
    return spec.id();
  }

  @Override
  public int maxSeqLength() {
    return spec.transformer().maxSeqLength();
  }

  /** Forward passes run so far (for tests). */
  long batchesRun() {
    return pipeline.batchesRun();
  }

  @Override
  public void close() {
    pipeline.close();
    tokenizer.close();
  }
}
