package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedBatchTest {

  @Test
  void indicesMapTokensToTheirPaddedSlotsAndBack() {
    int[] lengths = {3, 1, 2};
    // slots b * 3 + p; padding slots take their sequence's first token
    assertThat(PackedBatch.slotToToken(lengths, 3)).containsExactly(0, 1, 2, 3, 3, 3, 4, 5, 4);
    assertThat(PackedBatch.tokenToSlot(lengths, 3)).containsExactly(0, 1, 2, 3, 6, 7);
    assertThat(PackedBatch.longest(lengths)).isEqualTo(3);
  }

  @Test
  void paddedLayoutHoldsEachSequencesRowsAndPackingUndoesIt() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PackedBatch batch =
          PackedBatch.of(
              List.of(new long[] {11, 12, 13}, new long[] {21}, new long[] {31, 32}), manager);
      assertThat(batch.ids().toLongArray()).containsExactly(11, 12, 13, 21, 31, 32);
      assertThat(batch.positions().toLongArray()).containsExactly(0, 1, 2, 0, 0, 1);
      assertThat(batch.mask().toFloatArray()).containsExactly(1, 1, 1, 1, 0, 0, 1, 1, 0);
      // one row per token, two columns: token id and token id * 10
      NDArray rows =
          manager.create(
              new float[] {11, 110, 12, 120, 13, 130, 21, 210, 31, 310, 32, 320}, new Shape(6, 2));
      NDArray padded = batch.toPadded(rows, 2);
      assertThat(padded.getShape()).isEqualTo(new Shape(3, 3, 2));
      assertThat(padded.toFloatArray())
          .containsExactly(
              11, 110, 12, 120, 13, 130, 21, 210, 21, 210, 21, 210, 31, 310, 32, 320, 31, 310);
      assertThat(batch.toPacked(padded.reshape(9, 2)).toFloatArray())
          .containsExactly(rows.toFloatArray());
    }
  }

  @Test
  void equalLengthsNeedNoGather() {
    try (NDManager manager = NDManager.newBaseManager()) {
      PackedBatch batch = PackedBatch.of(List.of(new long[] {1, 2}, new long[] {3, 4}), manager);
      NDArray rows = manager.arange(0f, 8f).reshape(4, 2);
      assertThat(batch.toPadded(rows, 2).toFloatArray()).containsExactly(rows.toFloatArray());
      assertThat(batch.toPacked(rows)).isSameAs(rows);
      assertThat(batch.mask().toFloatArray()).containsOnly(1f);
    }
  }
}
