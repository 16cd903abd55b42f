package io.semsearch.encoder.torch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.EncodingException;
import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.batch.EncoderSizing;
import io.semsearch.encoder.batch.TokenBatchModel;
import io.semsearch.encoder.model.ModelFingerprint;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.Prompts;
import io.semsearch.encoder.torch.BatchQueue.Call;
import io.semsearch.encoder.torch.BatchQueue.Item;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SentenceEncoder} running a BERT sentence-transformers model on DJL's PyTorch engine, or
 * on the CPU a {@link TokenBatchModel} of another engine ({@link #onCpu}): the tokenizer, the queue
 * and the workers below are the same for both.
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
 *   <li>A call whose {@link Cancellation} gives a reason stops queueing chunks, and its waiting
 *       sequences are dropped before they reach the model (a batch already running finishes); the
 *       caller gets a {@link CancellationException}.
 *   <li>Each batch runs packed (see {@link BertSentenceModel#embed}): a sequence costs its own
 *       tokens, not the batch's longest, except inside attention. Each batch has its own native
 *       memory scope.
 *   <li>Results are written back by input position, so callers get vectors in input order.
 * </ol>
 */
public final class TorchSentenceEncoder implements SentenceEncoder {

  private static final Logger LOG = LoggerFactory.getLogger(TorchSentenceEncoder.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** How long an idle worker waits for texts before it checks whether the encoder closed. */
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final TokenBatchModel model;
  private final SentenceTokenizer tokenizer;
  private final ModelInfo info;
  private final int batchSize;
  private final int batchTokens;
  private final int chunkSize;
  private final long maxWaitNanos;
  private final int intraOpThreads;
  private final Prompts prompts;
  private final boolean poolPrompt;
  private final BatchQueue queue;
  private final List<Thread> workers = new ArrayList<>();
  private final Device device;
  private final AtomicLong batchesRun = new AtomicLong();
  private final BatchGate gate;
  private volatile boolean closed;

  /** How often a caller with a cancellable request asks it whether to give up while it waits. */
  private static final long CANCELLATION_POLL_MILLIS = 50;

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
    return sizing -> {
      Precision precision = device.isGpu() ? options.precision() : Precision.FP32;
      if (!device.isGpu() && options.precision() != Precision.FP32) {
        LOG.warn("precision {} is for GPUs; running FP32 on the CPU", options.precision());
      }
      return new BertSentenceModel(spec, device, precision);
    };
  }

  private TorchSentenceEncoder(
      ModelSpec spec,
      EncoderOptions options,
      Device device,
      TokenBatchModel.Loader loader, // null for libtorch
      BatchGate gate)
      throws IOException {
    this.gate = gate;
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(options, "options");
    this.device = device;
    EncoderSizing sizing =
        EncoderSizing.choose(options, device.isGpu(), Runtime.getRuntime().availableProcessors());
    int workerCount = sizing.workers();
    this.intraOpThreads = sizing.intraOpThreads();
    this.batchSize = sizing.batchSize();
    this.batchTokens = sizing.batchTokens();
    this.chunkSize = Math.max(256, batchSize * 8);
    this.maxWaitNanos = TimeUnit.MICROSECONDS.toNanos(options.maxBatchWaitMicros());
    this.queue = new BatchQueue(batchSize, batchTokens);
    String fingerprint = ModelFingerprint.of(spec);
    this.tokenizer = new SentenceTokenizer(spec.transformer());
    try {
      this.model = (loader != null ? loader : libtorch(spec, options, device)).load(sizing);
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
    int instance = INSTANCES.incrementAndGet();
    for (int i = 0; i < workerCount; i++) {
      Thread t = new Thread(this::work, "semsearch-encoder-" + instance + "-worker-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
    LOG.info(
        "model {} on {}: dimension {}, max_seq_length {}, {} worker(s) x {} intra-op"
            + " thread(s), batch size {} ({} padded tokens at most)",
        spec.id(),
        model.describe(),
        info.dimension(),
        info.maxSeqLength(),
        workerCount,
        intraOpThreads,
        batchSize,
        batchTokens);
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
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    request.cancellation().check();
    if (texts.isEmpty()) {
      return new float[0][];
    }
    Call call = new Call(texts.size(), request);
    int poolingSkip = prompt == null || poolPrompt ? 0 : promptLength(prompt);
    String prefix = prompt == null ? "" : prompt;
    for (int start = 0; start < texts.size() && !call.abandoned(); start += chunkSize) {
      int end = Math.min(texts.size(), start + chunkSize);
      List<Item> chunk = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        String text = Objects.requireNonNull(texts.get(i), "text at index " + i);
        chunk.add(new Item(tokenizer.ids(prefix.concat(text)), poolingSkip, i, call));
      }
      chunk.sort(Comparator.comparingInt(item -> item.ids().length));
      queue.addAll(chunk);
    }
    try {
      return await(call);
    } catch (CancellationException e) {
      queue.remove(call);
      // the future's own exception says only "get"; the reason is the call's
      throw new CancellationException(call.cancelledBecause());
    } catch (InterruptedException e) {
      queue.remove(call);
      Thread.currentThread().interrupt();
      throw new EncodingException("interrupted while waiting for embeddings", e);
    } catch (ExecutionException e) {
      throw new EncodingException("embedding failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * The call's vectors. A cancellable call asks its cancellation now and then while it waits (the
   * workers also ask whenever they come to one of its texts).
   *
   * @throws CancellationException with the cancellation's reason
   */
  private float[][] await(Call call) throws InterruptedException, ExecutionException {
    if (call.request.cancellation() == Cancellation.NONE) {
      return call.done.get();
    }
    while (true) {
      try {
        return call.done.get(CANCELLATION_POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        call.abandoned(); // fails the call once cancelled, so that the next get throws
      }
    }
  }

  /**
   * The tokens of {@code prompt} that pooling leaves out when the model excludes its prompt: as
   * sentence-transformers counts them, the prompt's tokens with special tokens, less one (so {@code
   * [CLS]} and the prompt's own tokens, not its {@code [SEP]}).
   */
  private int promptLength(String prompt) {
    return tokenizer.ids(prompt).length - 1;
  }

  private void work() {
    model.prepareWorkerThread(intraOpThreads);
    int previousSize = 0;
    long previousNanos = 0;
    while (!closed) {
      List<Item> batch;
      try {
        Item first = queue.first(IDLE_POLL_NANOS);
        if (first == null) {
          continue;
        }
        if (gate != null) {
          gate.pass();
        }
        batch =
            queue.fill(
                first,
                Math.min(previousSize, batchSize),
                Math.min(maxWaitNanos, previousNanos / 4));
      } catch (InterruptedException e) {
        return;
      }
      if (batch.isEmpty()) {
        continue;
      }
      long start = System.nanoTime();
      run(batch);
      previousSize = batch.size();
      previousNanos = System.nanoTime() - start;
    }
  }

  private void run(List<Item> batch) {
    List<long[]> ids = new ArrayList<>(batch.size());
    int[] poolingSkips = new int[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      ids.add(batch.get(i).ids());
      poolingSkips[i] = batch.get(i).poolingSkip();
    }
    float[][] vectors;
    try {
      vectors = model.embed(ids, poolingSkips);
      batchesRun.incrementAndGet();
    } catch (RuntimeException | Error e) {
      LOG.error("batch of {} failed", batch.size(), e);
      failAll(batch, e);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Item item = batch.get(i);
      item.call().complete(item.index(), vectors[i]);
    }
  }

  private static void failAll(List<Item> items, Throwable cause) {
    for (Item item : items) {
      item.call().done.completeExceptionally(cause);
    }
  }

  /** Texts queued and not yet taken by a worker (for tests). */
  int queued() {
    return queue.size();
  }

  /** Forward passes run so far (for tests and metrics). */
  long batchesRun() {
    return batchesRun.get();
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
    for (Thread t : workers) {
      t.interrupt();
    }
    for (Thread t : workers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    failAll(queue.drain(), new IllegalStateException("encoder closed"));
    model.close();
    tokenizer.close();
  }
}
