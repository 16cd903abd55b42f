package io.semsearch.encoder.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import io.semsearch.encoder.batch.PackedLayout;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A batch of token sequences in the packed layout: the tokens of all sequences, one row each,
 * concatenated without padding ({@code T} rows). Also holds what moves rows between that layout and
 * the right-padded one ({@code B} sequences of {@code L} slots) that attention and pooling need:
 * the attention mask and the two row indices.
 *
 * <p>The arrays live in the manager given to {@link #of}. When all sequences have the same length
 * the two layouts hold the same rows in the same order, and moving between them is a reshape.
 */
final class PackedBatch {

  private final int batch;
  private final int length;
  private final NDArray ids;
  private final NDArray positions;
  private final NDArray mask;
  private final NDArray slotToToken;
  private final NDArray tokenToSlot;
  private NDArray typeIds;

  private PackedBatch(
      int batch,
      int length,
      NDArray ids,
      NDArray positions,
      NDArray mask,
      NDArray slotToToken,
      NDArray tokenToSlot) {
    this.batch = batch;
    this.length = length;
    this.ids = ids;
    this.positions = positions;
    this.mask = mask;
    this.slotToToken = slotToToken;
    this.tokenToSlot = tokenToSlot;
  }

  /** Lays out {@code sequences} (at least one) in {@code scope}, positions counted from 0. */
  static PackedBatch of(List<long[]> sequences, NDManager scope) {
    return of(sequences, 0, scope);
  }

  /**
   * Lays out {@code sequences} (at least one) in {@code scope}; each sequence's position ids count
   * from {@code firstPosition}.
   */
  static PackedBatch of(List<long[]> sequences, int firstPosition, NDManager scope) {
    PackedLayout layout = PackedLayout.of(sequences);
    int tokens = layout.tokens();
    boolean padded = layout.padded();
    return new PackedBatch(
        layout.batch(),
        layout.length(),
        scope.create(LongBuffer.wrap(layout.ids(sequences)), new Shape(tokens)),
        scope.create(LongBuffer.wrap(layout.positions(firstPosition)), new Shape(tokens)),
        scope.create(layout.mask(), new Shape(layout.batch(), layout.length())),
        padded
            ? scope.create(
                LongBuffer.wrap(layout.slotToToken()),
                new Shape((long) layout.batch() * layout.length()))
            : null,
        padded ? scope.create(LongBuffer.wrap(layout.tokenToSlot()), new Shape(tokens)) : null);
  }

  /**
   * Lays out sentence pairs (at least one) in {@code scope}, with their token types: 0 for the
   * first {@code firstSegments[b]} tokens of sequence {@code b}, 1 for the rest ({@link
   * #typeIds()}).
   */
  static PackedBatch ofPairs(List<long[]> sequences, int[] firstSegments, NDManager scope) {
    if (firstSegments.length != sequences.size()) {
      throw new IllegalArgumentException(
          firstSegments.length + " segment lengths for " + sequences.size() + " sequences");
    }
    PackedBatch batch = of(sequences, scope);
    long[] types = PackedLayout.of(sequences).typeIds(firstSegments);
    batch.typeIds = scope.create(LongBuffer.wrap(types), new Shape(types.length));
    return batch;
  }

  /**
   * The mask pooling uses when the first {@code skips[b]} tokens of sequence {@code b} (its prompt,
   * which the model's pooling excludes) must not count: the attention mask with those positions
   * zeroed, {@code [B, L]}, in {@code scope}. {@code sequences} are the ones the batch was made of.
   */
  NDArray poolingMask(List<long[]> sequences, int[] skips, NDManager scope) {
    float[] out = new float[batch * length];
    for (int b = 0; b < batch; b++) {
      int from = Math.min(skips[b], sequences.get(b).length);
      Arrays.fill(out, b * length + from, b * length + sequences.get(b).length, 1f);
    }
    return scope.create(out, new Shape(batch, length));
  }

  /** The longest of {@code lengths}: the padded layout's slots per sequence. */
  static int longest(int[] lengths) {
    return PackedLayout.ofLengths(lengths).length();
  }

  /** See {@link PackedLayout#slotToToken()}. */
  static long[] slotToToken(int[] lengths, int length) {
    return layout(lengths, length).slotToToken();
  }

  /** See {@link PackedLayout#tokenToSlot()}. */
  static long[] tokenToSlot(int[] lengths, int length) {
    return layout(lengths, length).tokenToSlot();
  }

  private static PackedLayout layout(int[] lengths, int length) {
    PackedLayout layout = PackedLayout.ofLengths(lengths);
    if (layout.length() != length) {
      throw new IllegalArgumentException(
          "length " + length + " is not the longest of the lengths, " + layout.length());
    }
    return layout;
  }

  /** Sequences in the batch ({@code B}). */
  int batch() {
    return batch;
  }

  /** Slots per sequence in the padded layout ({@code L}, the longest sequence). */
  int length() {
    return length;
  }

  /** Token ids, packed: {@code [T]}. */
  NDArray ids() {
    return ids;
  }

  /** Token types of a batch of pairs ({@link #ofPairs}), packed: {@code [T]}; null otherwise. */
  NDArray typeIds() {
    return typeIds;
  }

  /** Each token's position id in its own sequence, packed: {@code [T]}. */
  NDArray positions() {
    return positions;
  }

  /** Attention mask of the padded layout, 1 for a token and 0 for padding: {@code [B, L]}. */
  NDArray mask() {
    return mask;
  }

  /** Packed rows {@code [T, W]} to the padded layout {@code [B, L, W]}, in rows' manager. */
  NDArray toPadded(NDArray rows, int width) {
    NDArray slots = slotToToken == null ? rows : gather(rows, slotToToken);
    return slots.reshape(batch, length, width);
  }

  /** Padded rows {@code [B * L, W]} back to the packed layout {@code [T, W]}, in slots' manager. */
  NDArray toPacked(NDArray slots) {
    return tokenToSlot == null ? slots : gather(slots, tokenToSlot);
  }

  /**
   * {@code table[index]} row by row, attached to table's manager (the op itself puts it in
   * index's).
   */
  private static NDArray gather(NDArray table, NDArray index) {
    NDArray rows =
        index.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    rows.attach(table.getManager());
    return rows;
  }
}
