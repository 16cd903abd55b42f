package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.encoder.torch.BatchQueue.Call;
import io.semsearch.encoder.torch.BatchQueue.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a worker takes from the queue while it was busy: interactive texts before bulk texts queued
 * earlier, batches within their size and token budget, and nothing of a cancelled call.
 */
class BatchQueueTest {

  private static List<Item> items(Call call, int count, int tokens) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      items.add(new Item(new long[tokens], 0, i, call));
    }
    return items;
  }

  private static List<Call> calls(List<Item> batch) {
    return batch.stream().map(Item::call).toList();
  }

  @Test
  void interactiveTextsAreTakenBeforeEarlierQueuedBulkTexts() throws Exception {
    BatchQueue queue = new BatchQueue(4, 1_000);
    Call bulk = new Call(6, EncodeRequest.BULK);
    Call query = new Call(2, EncodeRequest.INTERACTIVE);
    // the workers were busy while bulk texts, then a query, arrived
    queue.addAll(items(bulk, 6, 5));
    queue.addAll(items(query, 2, 5));

    List<Item> first = queue.take(0, 0, 0);
    assertThat(calls(first)).containsExactly(query, query, bulk, bulk);
    assertThat(first.get(2).index()).isZero();
    List<Item> second = queue.take(0, 0, 0);
    assertThat(calls(second)).containsExactly(bulk, bulk, bulk, bulk);
    assertThat(second.stream().map(Item::index)).containsExactly(2, 3, 4, 5);
    assertThat(queue.take(0, 0, 0)).isEmpty();
  }

  @Test
  void aTextOverTheTokenBudgetWaitsFirstInItsLane() throws Exception {
    BatchQueue queue = new BatchQueue(16, 40);
    Call bulk = new Call(3, EncodeRequest.BULK);
    List<Item> texts = new ArrayList<>(items(bulk, 2, 10));
    texts.add(new Item(new long[30], 0, 2, bulk));
    queue.addAll(texts);

    // 2 x 10 tokens fit; a third of 30 would make 3 x 30 padded tokens
    assertThat(queue.take(0, 0, 0).stream().map(Item::index)).containsExactly(0, 1);
    assertThat(queue.take(0, 0, 0).stream().map(Item::index)).containsExactly(2);
  }

  @Test
  void textsOfACancelledCallAreNeverTaken() throws Exception {
    BatchQueue queue = new BatchQueue(4, 1_000);
    AtomicReference<String> reason = new AtomicReference<>();
    Cancellation cancellation = reason::get;
    Call abandoned = new Call(3, EncodeRequest.BULK.withCancellation(cancellation));
    Call other = new Call(2, EncodeRequest.BULK);
    queue.addAll(items(abandoned, 3, 5));
    queue.addAll(items(other, 2, 5));

    reason.set("the client has gone");

    assertThat(calls(queue.take(0, 0, 0))).containsExactly(other, other);
    assertThat(queue.take(0, 0, 0)).isEmpty();
    assertThat(abandoned.done).isCancelled();
    assertThat(abandoned.cancelledBecause()).isEqualTo("the client has gone");
  }

  @Test
  void removedTextsAreNotTaken() throws Exception {
    BatchQueue queue = new BatchQueue(4, 1_000);
    Call gone = new Call(2, EncodeRequest.INTERACTIVE);
    queue.addAll(items(gone, 2, 5));
    queue.remove(gone);
    assertThat(queue.take(0, 0, 0)).isEmpty();
    assertThat(queue.drain()).isEmpty();
  }

  @Test
  void aCompletedCallHasItsVectorsInInputOrder() throws ExecutionException, InterruptedException {
    Call call = new Call(2, EncodeRequest.BULK);
    call.complete(1, new float[] {2});
    assertThat(call.done).isNotDone();
    call.complete(0, new float[] {1});
    assertThat(call.done.get()).isDeepEqualTo(new float[][] {{1}, {2}});
  }
}
