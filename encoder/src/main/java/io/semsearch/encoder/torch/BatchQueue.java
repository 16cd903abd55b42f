package io.semsearch.encoder.torch;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.EncodeRequest.Priority;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tokenized texts waiting for an encoder worker, and how a worker takes its next batch.
 *
 * <ol>
 *   <li>Two lanes, each in arrival order: interactive texts are always taken before bulk texts,
 *       whenever the bulk texts arrived. A batch with room left after the interactive lane is
 *       filled from the bulk lane, so priorities cost no throughput.
 *   <li>A batch holds at most {@code batchSize} texts and {@code batchTokens} padded tokens (texts
 *       times the longest); the text that would pass the budget stays first in its lane.
 *   <li>While a batch is smaller than the worker expects (its previous batch's size), the worker
 *       waits up to a given time for more texts.
 *   <li>Texts of a call whose {@link Cancellation} gives a reason are dropped when they reach the
 *       head of a lane, and the call fails with that reason: they never reach the model.
 * </ol>
 *
 * <p>No DJL types: the queue is tested without a model.
 */
final class BatchQueue {

  /**
   * One tokenized text waiting for its embedding; its first {@code poolingSkip} tokens (a prompt
   * the pooling excludes) stay out of pooling. For a cross-encoder's pair, {@code poolingSkip} is
   * the length of the first segment (the tokens of type 0): the one per-sequence number the model
   * is handed with the ids.
   */
  record Item(long[] ids, int poolingSkip, int index, Call call) {}

  /** One caller's texts: results by input position, completed when the last one is written. */
  static final class Call {
    final float[][] results;
    final AtomicInteger remaining;
    final CompletableFuture<float[][]> done = new CompletableFuture<>();
    final EncodeRequest request;
    private volatile String cancelled;

    Call(int size, EncodeRequest request) {
      this.results = new float[size][];
      this.remaining = new AtomicInteger(size);
      this.request = request;
    }

    /** Writes the vector of text {@code index}; completes the call with its last one. */
    void complete(int index, float[] vector) {
      results[index] = vector;
      if (remaining.decrementAndGet() == 0) {
        done.complete(results);
      }
    }

    /**
     * Whether the call is over before its texts were all embedded: failed, or cancelled (then
     * failed here with the reason).
     */
    boolean abandoned() {
      if (done.isDone()) {
        return true;
      }
      String reason = request.cancellation().reason();
      if (reason != null) {
        cancelled = reason;
        done.completeExceptionally(new CancellationException(reason));
        return true;
      }
      return false;
    }

    /** Why the call was cancelled; null if it was not. */
    String cancelledBecause() {
      return cancelled;
    }
  }

  private final int batchSize;
  private final int batchTokens;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final ArrayDeque<Item> interactive = new ArrayDeque<>();
  private final ArrayDeque<Item> bulk = new ArrayDeque<>();

  BatchQueue(int batchSize, int batchTokens) {
    this.batchSize = batchSize;
    this.batchTokens = batchTokens;
  }

  /** Queues {@code items} (all of one call) at the tail of their call's lane. */
  void addAll(List<Item> items) {
    if (items.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      lane(items.get(0).call()).addAll(items);
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Drops the waiting texts of {@code call}. */
  void remove(Call call) {
    lock.lock();
    try {
      lane(call).removeIf(item -> item.call() == call);
    } finally {
      lock.unlock();
    }
  }

  /** Texts waiting in both lanes. */
  int size() {
    lock.lock();
    try {
      return interactive.size() + bulk.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next batch, as described in the class comment: waits up to {@code idleNanos} for a first
   * text (empty when none came), then up to {@code waitNanos} in all for more while the batch has
   * fewer than {@code expected} texts.
   *
   * @throws InterruptedException if interrupted while waiting (nothing is taken then)
   */
  List<Item> take(int expected, long waitNanos, long idleNanos) throws InterruptedException {
    Item first = first(idleNanos);
    return first == null ? List.of() : fill(first, expected, waitNanos);
  }

  /**
   * The first text of the next batch: the head of the interactive lane, else of the bulk lane,
   * waiting up to {@code idleNanos} for one.
   *
   * @return null when none arrived in time
   */
  Item first(long idleNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      Item first = next();
      for (long left = idleNanos; first == null; first = next()) {
        if (left <= 0) {
          return null;
        }
        left = arrived.awaitNanos(left);
      }
      return first;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A batch starting with {@code first}, filled as {@link #take} describes. The queue is unlocked
   * between {@link #first} and this call, so texts may arrive in between.
   */
  List<Item> fill(Item first, int expected, long waitNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      List<Item> batch = new ArrayList<>(batchSize);
      batch.add(first);
      int longest = first.ids().length;
      long deadline = System.nanoTime() + waitNanos;
      while (batch.size() < batchSize) {
        Item item = next();
        if (item == null) {
          long left = deadline - System.nanoTime();
          if (batch.size() >= expected || left <= 0) {
            break;
          }
          arrived.awaitNanos(left);
          continue;
        }
        int nextLongest = Math.max(longest, item.ids().length);
        if ((long) (batch.size() + 1) * nextLongest > batchTokens) {
          lane(item.call()).addFirst(item);
          break;
        }
        batch.add(item);
        longest = nextLongest;
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** Takes every waiting text (the encoder is closing). */
  List<Item> drain() {
    lock.lock();
    try {
      List<Item> all = new ArrayList<>(interactive);
      all.addAll(bulk);
      interactive.clear();
      bulk.clear();
      return all;
    } finally {
      lock.unlock();
    }
  }

  /** The first waiting text of a live call, interactive lane first; abandoned ones are dropped. */
  private Item next() {
    Item item = poll(interactive);
    return item != null ? item : poll(bulk);
  }

  private static Item poll(ArrayDeque<Item> lane) {
    for (Iterator<Item> it = lane.iterator(); it.hasNext(); ) {
      Item item = it.next();
      it.remove();
      if (!item.call().abandoned()) {
        return item;
      }
    }
    return null;
  }

  private ArrayDeque<Item> lane(Call call) {
    return call.request.priority() == Priority.INTERACTIVE ? interactive : bulk;
  }
}
