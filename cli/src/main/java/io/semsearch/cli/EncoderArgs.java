package io.semsearch.cli;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.builtin.BgeSmallModel;
import io.semsearch.encoder.builtin.TinyModel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexMetadata;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that embeds text. */
final class EncoderArgs {

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description =
          "Model folder, Hugging Face repo id (org/name[@revision]), or nothing for the default"
              + " all-MiniLM-L6-v2 (for an existing index: the index's own model when it is the"
              + " default or a repo id).")
  String model;

  @Option(
      names = "--device",
      paramLabel = "D",
      defaultValue = "auto",
      description = "auto, cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--precision",
      paramLabel = "P",
      defaultValue = "fp32",
      description =
          "fp32, int8, fp16 or bf16 (default: ${DEFAULT-VALUE}). int8: on the CPU only, Linear"
              + " layers in int8 on ONNX Runtime, about 2x faster than fp32 at cosine ~0.99 to it;"
              + " fp16/bf16: on a GPU only.")
  String precision;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "0",
      description = "Texts per forward pass (default: 16 on the CPU, 128 on a GPU).")
  int batchSize;

  @Option(
      names = "--batch-tokens",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Padded tokens per forward pass at most: texts times the longest (default: 128 x batch"
              + " size).")
  int batchTokens;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "0",
      description = "Inference threads (default: chosen for the device).")
  int workers;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Intra-op threads per worker, libtorch or ONNX Runtime (default: cores / workers).")
  int threads;

  @Option(
      names = "--truncate-dim",
      paramLabel = "N",
      description =
          "Cut embeddings to their first N dimensions, normalized again for a normalized model"
              + " (Matryoshka; sentence-transformers' truncate_dim). Default: the model's"
              + " truncate_dim if it has one, else for an existing index the index's dimension,"
              + " else the full width.")
  Integer truncateDim;

  EncoderOptions options() {
    return EncoderOptions.defaults()
        .withDevice(DeviceSpec.parse(device))
        .withPrecision(Precision.parse(precision))
        .withBatchSize(batchSize)
        .withBatchTokens(batchTokens)
        .withThreads(workers, threads);
  }

  SentenceEncoder open() throws IOException {
    return open(model, null);
  }

  /**
   * Opens {@code --model}, or when it is not given, the model an existing index was built with if
   * that model can be found again by its id (the default model or a hub repo id).
   */
  SentenceEncoder openForIndex(Path index) throws IOException {
    return openFor(IndexDirectory.readMetadata(index));
  }

  /**
   * Opens {@code --model}, or when it is not given, the model {@code existing} (an index's or a
   * collection's build; null for none) was built with if it can be found again by its id. Without
   * {@code --truncate-dim}, a model wider than {@code existing}'s vectors is cut to their width, so
   * an index built with {@code --truncate-dim} opens again without it.
   */
  SentenceEncoder openFor(IndexMetadata existing) throws IOException {
    String name = model;
    // hub ids (the default model's included) and built-in names open again by themselves
    if (model == null
        && existing != null
        && (existing.modelId().contains("/")
            || existing.modelId().equals(TinyModel.ID)
            || existing.modelId().equals(BgeSmallModel.ID))) {
      name = existing.modelId();
    }
    return open(name, existing);
  }

  private SentenceEncoder open(String name, IndexMetadata existing) throws IOException {
    ModelSpec spec = SentenceEncoders.locate(name);
    if (truncateDim != null) {
      if (truncateDim < 1 || truncateDim > spec.dimension()) {
        throw new IllegalArgumentException(
            "--truncate-dim "
                + truncateDim
                + " is out of range: model "
                + spec.id()
                + " has dimension "
                + spec.dimension()
                + " (1.."
                + spec.dimension()
                + ")");
      }
      spec = spec.withTruncateDim(truncateDim);
    } else if (existing != null && existing.dimension() < spec.embeddingDimension()) {
      spec = spec.withTruncateDim(existing.dimension());
    }
    return SentenceEncoders.open(spec, options());
  }
}
