package io.semsearch.encoder.torch;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.EncodingException;
import io.semsearch.encoder.batch.EncoderSizing;
import io.semsearch.encoder.batch.TokenBatchModel;
import io.semsearch.encoder.torch.BatchQueue.Call;
import io.semsearch.encoder.torch.BatchQueue.Item;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batching half of an encoder: tokenized sequences in, one model output per sequence out. Both
 * the sentence encoder ({@link TorchSentenceEncoder}) and the cross-encoder ({@link
 * TorchCrossEncoder}) run their model through one of these, so they share dynamic batching, length
 * grouping, priorities, cancellation and thread sizing.
 *
 * <ol>
 *   <li>The calling thread tokenizes its inputs in chunks ({@link ItemSource}), sorts each chunk by
 *       token length and queues it, so inference of one chunk overlaps tokenization of the next.
 *   <li>A fixed set of worker threads takes batches from one shared {@link BatchQueue} and runs
 *       them on the model; results are written back by input position.
 * </ol>
 *
 * <p>This object owns its worker threads and the model: {@link #close()} stops the one and closes
 * the other.
 */
final class BatchPipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BatchPipeline.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** How long an idle worker waits for inputs before it checks whether the pipeline closed. */
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** How often a caller with a cancellable request asks it whether to give up while it waits. */
  private static final long CANCELLATION_POLL_MILLIS = 50;

  /** Makes the queue item of input {@code index} of a call (tokenizes it). */
  @FunctionalInterface
  interface ItemSource {
    Item item(int index, Call call);
  }

  private final TokenBatchModel model;
  private final int batchSize;
  private final int chunkSize;
  private final long maxWaitNanos;
  private final int intraOpThreads;
  private final BatchQueue queue;
  private final List<Thread> workers = new ArrayList<>();
  private final AtomicLong batchesRun = new AtomicLong();
  private final TorchSentenceEncoder.BatchGate gate;
  private volatile boolean closed;

  /**
   * Starts {@code sizing.workers()} threads named after {@code name} running {@code model}; the
   * workers pass {@code gate} (null for none) before filling each batch.
   */
  BatchPipeline(
      TokenBatchModel model,
      EncoderSizing sizing,
      int maxBatchWaitMicros,
      TorchSentenceEncoder.BatchGate gate,
      String name) {
    this.model = model;
    this.gate = gate;
    this.intraOpThreads = sizing.intraOpThreads();
    this.batchSize = sizing.batchSize();
    this.chunkSize = Math.max(256, batchSize * 8);
    this.maxWaitNanos = TimeUnit.MICROSECONDS.toNanos(maxBatchWaitMicros);
    this.queue = new BatchQueue(batchSize, sizing.batchTokens());
    int instance = INSTANCES.incrementAndGet();
    for (int i = 0; i < sizing.workers(); i++) {
      Thread t = new Thread(this::work, "semsearch-" + name + "-" + instance + "-worker-" + i);
      t.setDaemon(true);
      workers.add(t);
      t.start();
    }
  }

  /** The model the workers run. */
  TokenBatchModel model() {
    return model;
  }

  /**
   * Runs {@code count} inputs, made by {@code source}, through the model.
   *
   * @return one output per input, in input order
   * @throws CancellationException with the reason when the request's cancellation gives one
   * @throws EncodingException if the model fails or the caller is interrupted
   */
  float[][] process(int count, EncodeRequest request, ItemSource source) {
    if (closed) {
      throw new IllegalStateException("encoder is closed");
    }
    request.cancellation().check();
    if (count == 0) {
      return new float[0][];
    }
    Call call = new Call(count, request);
    for (int start = 0; start < count && !call.abandoned(); start += chunkSize) {
      int end = Math.min(count, start + chunkSize);
      List<Item> chunk = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        chunk.add(source.item(i, call));
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
      throw new EncodingException("interrupted while waiting for the model", e);
    } catch (ExecutionException e) {
      throw new EncodingException("model failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * The call's outputs. A cancellable call asks its cancellation now and then while it waits (the
   * workers also ask whenever they come to one of its inputs).
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
    int[] sides = new int[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      ids.add(batch.get(i).ids());
      sides[i] = batch.get(i).poolingSkip();
    }
    float[][] outputs;
    try {
      outputs = model.embed(ids, sides);
      batchesRun.incrementAndGet();
    } catch (RuntimeException | Error e) {
      LOG.error("batch of {} failed", batch.size(), e);
      failAll(batch, e);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Item item = batch.get(i);
      item.call().complete(item.index(), outputs[i]);
    }
  }

  private static void failAll(List<Item> items, Throwable cause) {
    for (Item item : items) {
      item.call().done.completeExceptionally(cause);
    }
  }

  /** Inputs queued and not yet taken by a worker. */
  int queued() {
    return queue.size();
  }

  /** Forward passes run so far. */
  long batchesRun() {
    return batchesRun.get();
  }

  /** Stops the workers, fails what is still queued and closes the model. */
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
  }
}
