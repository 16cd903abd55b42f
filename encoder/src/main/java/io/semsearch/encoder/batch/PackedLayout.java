package io.semsearch.encoder.batch;

import java.util.Arrays;
import java.util.List;

/**
 * The packed layout of a batch of token sequences: the tokens of all sequences, one row each,
 * concatenated without padding ({@code T} rows), and what moves rows between that layout and the
 * right-padded one ({@code B} sequences of {@code L} slots, {@code L} the longest sequence) that
 * attention and pooling need. Plain arrays, for any engine.
 */
public final class PackedLayout {

  private final int[] lengths;
  private final int[] starts;
  private final int tokens;
  private final int length;

  private PackedLayout(int[] lengths) {
    this.lengths = lengths;
    this.starts = new int[lengths.length];
    int at = 0;
    int longest = 0;
    for (int b = 0; b < lengths.length; b++) {
      starts[b] = at;
      at += lengths[b];
      longest = Math.max(longest, lengths[b]);
    }
    this.tokens = at;
    this.length = longest;
  }

  /** The layout of {@code sequences}. */
  public static PackedLayout of(List<long[]> sequences) {
    int[] lengths = new int[sequences.size()];
    for (int b = 0; b < lengths.length; b++) {
      lengths[b] = sequences.get(b).length;
    }
    return new PackedLayout(lengths);
  }

  /** The layout of sequences of the given lengths. */
  public static PackedLayout ofLengths(int... lengths) {
    return new PackedLayout(lengths.clone());
  }

  /** Sequences ({@code B}). */
  public int batch() {
    return lengths.length;
  }

  /** Slots per sequence in the padded layout ({@code L}, the longest sequence). */
  public int length() {
    return length;
  }

  /** Token rows ({@code T}). */
  public int tokens() {
    return tokens;
  }

  /** Length of sequence {@code b}. */
  public int length(int b) {
    return lengths[b];
  }

  /** Packed row of the first token of sequence {@code b}. */
  public int start(int b) {
    return starts[b];
  }

  /** Whether some sequence is shorter than the longest, so the layouts differ. */
  public boolean padded() {
    return tokens != lengths.length * length;
  }

  /** The sequences' ids concatenated: {@code [T]}. */
  public long[] ids(List<long[]> sequences) {
    long[] ids = new long[tokens];
    for (int b = 0; b < lengths.length; b++) {
      System.arraycopy(sequences.get(b), 0, ids, starts[b], lengths[b]);
    }
    return ids;
  }

  /** Each token's position in its own sequence: {@code [T]}. */
  public long[] positions() {
    return positions(0);
  }

  /**
   * Each token's position id: its position in its own sequence plus {@code first}, the id of every
   * sequence's first token (0 for BERT, {@code padding_idx + 1} for RoBERTa): {@code [T]}.
   */
  public long[] positions(int first) {
    long[] positions = new long[tokens];
    for (int b = 0; b < lengths.length; b++) {
      for (int p = 0; p < lengths[b]; p++) {
        positions[starts[b] + p] = first + p;
      }
    }
    return positions;
  }

  /**
   * Token types of sentence pairs: 0 for the first {@code firstSegments[b]} tokens of sequence
   * {@code b} ({@code [CLS]}, the first text, its {@code [SEP]}), 1 for the rest: {@code [T]}.
   */
  public long[] typeIds(int[] firstSegments) {
    long[] types = new long[tokens];
    for (int b = 0; b < lengths.length; b++) {
      for (int p = Math.min(firstSegments[b], lengths[b]); p < lengths[b]; p++) {
        types[starts[b] + p] = 1;
      }
    }
    return types;
  }

  /** Attention mask of the padded layout, 1 for a token and 0 for padding: {@code [B * L]}. */
  public float[] mask() {
    float[] mask = new float[lengths.length * length];
    for (int b = 0; b < lengths.length; b++) {
      Arrays.fill(mask, b * length, b * length + lengths[b], 1f);
    }
    return mask;
  }

  /**
   * For each padded slot {@code b * L + p}, the packed row it takes: token {@code p} of sequence
   * {@code b}, or for a padding slot that sequence's first token (any real row would do: padding is
   * masked out of attention and pooling, and a real row keeps the values finite).
   */
  public long[] slotToToken() {
    long[] index = new long[lengths.length * length];
    for (int b = 0; b < lengths.length; b++) {
      for (int p = 0; p < length; p++) {
        index[b * length + p] = p < lengths[b] ? starts[b] + p : lengths[b] > 0 ? starts[b] : 0;
      }
    }
    return index;
  }

  /**
   * For each packed row (token {@code p} of sequence {@code b}), its padded slot {@code b * L + p}.
   */
  public long[] tokenToSlot() {
    long[] index = new long[tokens];
    for (int b = 0; b < lengths.length; b++) {
      for (int p = 0; p < lengths[b]; p++) {
        index[starts[b] + p] = (long) b * length + p;
      }
    }
    return index;
  }
}
