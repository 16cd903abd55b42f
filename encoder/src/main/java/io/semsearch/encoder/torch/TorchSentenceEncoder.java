package io.semsearch.encoder.torch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.batch.EncoderSizing;
import io.semsearch.encoder.batch.TokenBatchModel;
import io.semsearch.encoder.model.ModelFingerprint;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.Prompts;
import io.semsearch.encoder.torch.BatchQueue.Item;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SentenceEncoder} running a BERT sentence-transformers model on DJL's PyTorch engine, or
 * on the CPU a {@link TokenBatchModel} of another engine ({@link #onCpu}): the tokenizer, the queue
 * and the workers below are the same for both. The queue and the workers are a {@link
 * BatchPipeline}, which the cross-encoder ({@link TorchCrossEncoder}) shares.
 *
 * <p>Strategy:
 *
 * <ol>
 *   <li>The calling thread tokenizes its texts in chunks, sorts each chunk by token length and
 *       queues the sequences, so inference of one chunk overlaps tokenization of the next.
 *   <li>A fixed set of worker threads, sized to the cores, takes sequences from one shared {@link
 *       BatchQueue}: interactive calls (search queries) before bulk ones, each in arrival order; up
 *       to the batch size at a time, and no more than the padded-token budget (batch size times the
 *       batch's longest sequence). A worker whose batch is smaller than its previous one waits
 *       briefly for more (see {@link EncoderOptions#maxBatchWaitMicros()}). Sequences from
 *       concurrent callers thus share a batch (dynamic batching), every sequence is served in its
 *       turn, and the number of threads libtorch uses never grows with the number of callers.
 *   <li>A call whose {@link io.semsearch.encoder.Cancellation} gives a reason stops queueing
 *       chunks, and its waiting sequences are dropped before they reach the model (a batch already
 *       running finishes); the caller gets a {@link CancellationException}.
 *   <li>Each batch runs packed (see {@link BertSentenceModel#embed}): a sequence costs its own
 *       tokens, not the batch's longest, except inside attention. Each batch has its own native
 *       memory scope.
 *   <li>Results are written back by input position, so callers get vectors in input order.
 * </ol>
 */
public final class TorchSentenceEncoder implements SentenceEncoder {

  private static final Logger LOG = LoggerFactory.getLogger(TorchSentenceEncoder.class);

  private final SentenceTokenizer tokenizer;
  private final ModelInfo info;
  private final Prompts prompts;
  private final boolean poolPrompt;
  private final Device device;
  private final BatchPipeline pipeline;
  private volatile boolean closed;

  /**
   * Loads {@code spec} on libtorch and starts the workers.
   *
   * @throws IOException if the model's files can't be read or loaded, naming the file
   */
  public TorchSentenceEncoder(ModelSpec spec, EncoderOptions options) throws IOException {
    this(spec, options, null);
  }

  /**
   * Where a worker that has taken a batch's first text waits before it fills the rest of the batch:
   * a test's gate decides when each batch forms and so what is queued by then.
   */
  interface BatchGate {
    /** Returns when the worker may fill its batch. */
    void pass() throws InterruptedException;
  }

  /** Loads {@code spec} on libtorch; the workers pass {@code gate} before filling each batch. */
  TorchSentenceEncoder(ModelSpec spec, EncoderOptions options, BatchGate gate) throws IOException {
    this(spec, options, chooseDevice(options.device()), null, gate);
  }

  /**
   * Runs a model another engine computes on the CPU (int8 on ONNX Runtime) in this encoder's
   * pipeline: the same tokenizer, batch queue, length grouping and thread sizing as libtorch's.
   *
   * @throws IOException if the model's files can't be read or the engine can't load it
   */
  public static TorchSentenceEncoder onCpu(
      ModelSpec spec, EncoderOptions options, TokenBatchModel.Loader loader) throws IOException {
    return new TorchSentenceEncoder(spec, options, Device.cpu(), loader, null);
  }

  private static TokenBatchModel.Loader libtorch(
      ModelSpec spec, EncoderOptions options, Device device) {
    return sizing -> new BertSentenceModel(spec, device, torchPrecision(options, device));
  }

  /** The precision libtorch runs {@code options} in on {@code device}: FP32 on the CPU. */
  static Precision torchPrecision(EncoderOptions options, Device device) {
    if (!device.isGpu() && options.precision() != Precision.FP32) {
      LOG.warn("precision {} is for GPUs; running FP32 on the CPU", options.precision());
      return Precision.FP32;
    }
    return options.precision();
  }

  private TorchSentenceEncoder(
      ModelSpec spec,
      EncoderOptions options,
      Device device,
      TokenBatchModel.Loader loader, // null for libtorch
      BatchGate gate)
      throws IOException {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    this.device = device;
    EncoderSizing sizing =
        EncoderSizing.choose(options, device.isGpu(), Runtime.getRuntime().availableProcessors());
    String fingerprint = ModelFingerprint.of(spec);
    this.tokenizer = new SentenceTokenizer(spec.transformer());
    TokenBatchModel model;
    try {
      model = (loader != null ? loader : libtorch(spec, options, device)).load(sizing);
    } catch (IOException | RuntimeException e) {
      tokenizer.close();
      throw e;
    }
    this.prompts = spec.prompts();
    this.poolPrompt = spec.pooling().includePrompt();
    this.info =
        new ModelInfo(
            spec.id(),
            fingerprint,
            spec.dimension(),
            spec.transformer().maxSeqLength(),
            spec.normalizes(),
            model.precision());
    this.pipeline = new BatchPipeline(model, sizing, options.maxBatchWaitMicros(), gate, "encoder");
    LOG.info(
        "model {} on {}: dimension {}, max_seq_length {}, {} worker(s) x {} intra-op"
            + " thread(s), batch size {} ({} padded tokens at most)",
        spec.id(),
        model.describe(),
        info.dimension(),
        info.maxSeqLength(),
        sizing.workers(),
        sizing.intraOpThreads(),
        sizing.batchSize(),
        sizing.batchTokens());
  }

  /**
   * The PyTorch device {@code spec} names: the first GPU for auto when the engine sees one, else
   * the CPU.
   *
   * @throws IllegalArgumentException if a GPU is asked for that the engine does not see
   */
  public static Device chooseDevice(DeviceSpec spec) {
    if (spec.kind() == DeviceSpec.Kind.CPU) {
      return Device.cpu();
    }
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    return switch (spec.kind()) {
      case CPU -> Device.cpu();
      case AUTO -> gpus > 0 ? Device.gpu(0) : Device.cpu();
      case GPU -> {
        if (spec.gpuIndex() >= gpus) {
          throw new IllegalArgumentException(
              "device "
                  + spec
                  + " requested but the PyTorch engine sees "
                  + gpus
                  + " GPU(s); see README 'GPU' for CUDA libtorch");
        }
        yield Device.gpu(spec.gpuIndex());
      }
    };
  }

  /** The device the model runs on. */
  public Device device() {
    return device;
  }

  /** Embeds {@code texts} with the model's default prompt, if its config names one. */
  @Override
  public float[][] encode(List<String> texts) {
    return encode(texts, prompts.defaultPrompt());
  }

  @Override
  public Prompts prompts() {
    return prompts;
  }

  /** Embeds {@code texts} with {@code prompt} before each, as a bulk call. */
  @Override
  public float[][] encode(List<String> texts, String prompt) {
    return encode(texts, prompt, EncodeRequest.BULK);
  }

  @Override
  public float[][] encode(List<String> texts, String prompt, EncodeRequest request) {
    Objects.requireNonNull(texts, "texts");
    Objects.requireNonNull(request, "request");
    int poolingSkip =
        prompt == null || poolPrompt || texts.isEmpty() || closed ? 0 : promptLength(prompt);
    String prefix = prompt == null ? "" : prompt;
    return pipeline.process(
        texts.size(),
        request,
        (i, call) -> {
          String text = Objects.requireNonNull(texts.get(i), "text at index " + i);
          return new Item(tokenizer.ids(prefix.concat(text)), poolingSkip, i, call);
        });
  }

  /**
   * The tokens of {@code prompt} that pooling leaves out when the model excludes its prompt: as
   * sentence-transformers counts them, the prompt's tokens with special tokens, less one (so {@code
   * [CLS]} and the prompt's own tokens, not its {@code [SEP]}).
   */
  private int promptLength(String prompt) {
    return tokenizer.ids(prompt).length - 1;
  }

  /** Texts queued and not yet taken by a worker (for tests). */
  int queued() {
    return pipeline.queued();
  }

  /** Forward passes run so far (for tests and metrics). */
  long batchesRun() {
    return pipeline.batchesRun();
  }

  @Override
  public int dimension() {
    return info.dimension();
  }

  @Override
  public boolean normalizes() {
    return info.normalizes();
  }

  @Override
  public int maxSeqLength() {
    return info.maxSeqLength();
  }

  @Override
  public int countTokens(String text) {
    return tokenizer.count(text);
  }

  @Override
  public ModelInfo model() {
    return info;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pipeline.close();
    tokenizer.close();
  }
}
