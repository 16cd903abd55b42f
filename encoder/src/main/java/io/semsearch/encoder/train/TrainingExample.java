package io.semsearch.encoder.train;

import java.util.Objects;

/**
 * One training row.
 *
 * @param anchor the text whose embedding is trained
 * @param positive the text the anchor should be closest to (MNRL), else null
 * @param negative a text the anchor should be far from (MNRL, optional), else null
 * @param target the vector the anchor's embedding should equal (MSE), else null
 */
public record TrainingExample(String anchor, String positive, String negative, float[] target) {

  /** Requires the anchor. */
  public TrainingExample {
    Objects.requireNonNull(anchor, "anchor");
  }
}
