package io.semsearch.cli;

import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import java.io.IOException;
import picocli.CommandLine.Option;

/** The cross-encoder of the commands that can rerank their searches. */
final class RerankArgs {

  @Option(
      names = "--rerank",
      paramLabel = "MODEL",
      description =
          "Rerank the best documents of each search with this cross-encoder (a folder or a"
              + " Hugging Face repo id of a one-label BertForSequenceClassification, such as"
              + " cross-encoder/ms-marco-MiniLM-L-6-v2); it runs with the encoder's device and"
              + " thread options.")
  String model;

  /** Whether a cross-encoder was named. */
  boolean enabled() {
    return model != null;
  }

  /**
   * Opens the cross-encoder with {@code encoder}'s device, threads and batch sizes; null when none
   * was named.
   */
  CrossEncoder open(EncoderArgs encoder) throws IOException {
    return model == null ? null : SentenceEncoders.openCrossEncoder(model, encoder.options());
  }
}
