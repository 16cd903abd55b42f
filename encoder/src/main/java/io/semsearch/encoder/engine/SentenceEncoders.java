package io.semsearch.encoder.engine;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.builtin.DefaultModel;
import io.semsearch.encoder.builtin.TinyModel;
import io.semsearch.encoder.model.ModelFingerprint;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.ort.LinearKernel;
import io.semsearch.encoder.ort.OrtSentenceModel;
import io.semsearch.encoder.torch.TorchSentenceEncoder;
import io.semsearch.encoder.torch.TorchSimilarityKernel;
import io.semsearch.encoder.torch.TrainableSentenceModel;
import io.semsearch.encoder.torch.train.Trainer;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingData;
import io.semsearch.encoder.train.TrainingListener;
import io.semsearch.encoder.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens {@link SentenceEncoder}s and {@link SimilarityKernel}s, and fine-tunes models. The one
 * place that knows which engine runs a model.
 *
 * <p>Before the PyTorch engine first loads, this sets DJL's defaults for a server that sizes its
 * own threads: one inter-op thread, offline (never download native libraries). Both can be
 * overridden with the usual {@code -Dai.djl.pytorch.num_interop_threads} and {@code
 * -Dai.djl.offline}.
 */
public final class SentenceEncoders {

  private SentenceEncoders() {}

  /**
   * Opens the model named by {@code model}: a local folder, a Hugging Face repo id ({@code
   * org/name[@revision]}), or null / empty for the default model (all-MiniLM-L6-v2, imported from
   * the bundled ONNX file on first use).
   *
   * @throws IOException if the model can't be found, downloaded or loaded; the message names it
   */
  public static SentenceEncoder open(String model, EncoderOptions options) throws IOException {
    ModelSpec spec = ModelLocator.fromEnvironment().locate(model);
    return open(spec, options);
  }

  /** Opens a model folder under the given display id. */
  public static SentenceEncoder open(Path folder, String id, EncoderOptions options)
      throws IOException {
    return open(ModelFolder.read(folder, id), options);
  }

  /**
   * Opens an already read model: on libtorch, or for {@link Precision#INT8} on ONNX Runtime with
   * int8 Linear layers (CPU only; {@code auto} means the CPU then).
   *
   * @throws IllegalArgumentException if int8 is asked for on a GPU
   */
  public static SentenceEncoder open(ModelSpec spec, EncoderOptions options) throws IOException {
    configureEngineDefaults();
    if (options.precision() == Precision.INT8) {
      if (options.device().kind() == DeviceSpec.Kind.GPU) {
        throw new IllegalArgumentException(
            "--precision int8 runs on the CPU only; use --device cpu (or auto), or fp16/bf16 on a"
                + " GPU");
      }
      return onnxRuntime(spec, options, LinearKernel.DYNAMIC_QUANTIZE_MATMUL);
    }
    return new TorchSentenceEncoder(spec, options);
  }

  /**
   * Opens {@code spec} on ONNX Runtime on the CPU with the given Linear kernel, in the same
   * pipeline (tokenizer, batch queue, thread sizing) as the libtorch engine: {@link
   * LinearKernel#DYNAMIC_QUANTIZE_MATMUL} is what {@code --precision int8} runs; the others are for
   * tests and benchmarks.
   *
   * @throws IOException if the weights can't be read or ONNX Runtime can't load, in one line
   */
  public static SentenceEncoder onnxRuntime(
      ModelSpec spec, EncoderOptions options, LinearKernel kernel) throws IOException {
    configureEngineDefaults();
    return TorchSentenceEncoder.onCpu(
        spec, options, sizing -> OrtSentenceModel.load(spec, kernel, sizing));
  }

  /**
   * A kernel for other matrix work on the encoder's engine (the products of paraphrase mining), on
   * the device {@code spec} names: the first GPU for {@code auto} when there is one, else the CPU.
   * Sets the engine defaults first, as {@link #open(ModelSpec, EncoderOptions)} does.
   *
   * @throws IllegalArgumentException if a GPU is asked for that the engine does not see
   */
  public static SimilarityKernel similarityKernel(DeviceSpec spec) {
    configureEngineDefaults();
    return new TorchSimilarityKernel(TorchSentenceEncoder.chooseDevice(spec));
  }

  /**
   * Fine-tunes the model named by {@code model} (as {@link #open(String, EncoderOptions)} names it)
   * on {@code data} on the CPU in float32, then writes it to {@code output} as a
   * sentence-transformers folder that {@link #open(Path, String, EncoderOptions)} loads.
   *
   * @throws IOException if the model can't be found or loaded or the folder can't be written
   * @throws IllegalArgumentException if the data don't fit the loss or the model
   * @throws IllegalStateException if the loss becomes NaN or infinite
   */
  public static TrainingSummary train(
      String model,
      TrainingData data,
      TrainingConfig config,
      Path output,
      TrainingListener listener)
      throws IOException {
    ModelSpec spec = ModelLocator.fromEnvironment().locate(model);
    configureEngineDefaults();
    try (TrainableSentenceModel trainable = TrainableSentenceModel.load(spec)) {
      TrainingSummary summary = Trainer.train(trainable, data, config, listener);
      trainable.save(output);
      return summary;
    }
  }

  /**
   * The models semsearch ships ({@code --model} ids): the default model and {@code tiny}, each
   * imported or copied into the cache if needed so its folder and fingerprint can be given.
   *
   * @throws IOException if a model can't be imported or read
   */
  public static List<BuiltinModel> builtinModels() throws IOException {
    ModelLocator locator = ModelLocator.fromEnvironment();
    List<BuiltinModel> models = new ArrayList<>();
    for (String id : List.of(DefaultModel.ID, TinyModel.ID)) {
      ModelSpec spec = locator.locate(id);
      models.add(
          new BuiltinModel(
              id,
              id.equals(DefaultModel.ID)
                  ? "all-MiniLM-L6-v2 (the default)"
                  : "bert-tiny-dense distilled from all-MiniLM-L6-v2",
              spec.dimension(),
              spec.transformer().maxSeqLength(),
              spec.folder(),
              ModelFingerprint.of(spec)));
    }
    return models;
  }

  /**
   * A model semsearch ships.
   *
   * @param id what {@code --model} takes
   * @param name a description for people
   * @param dimension width of its embeddings
   * @param maxSeqLength longest input in tokens
   * @param folder its sentence-transformers folder in the cache
   * @param fingerprint the hash an index records ({@link ModelFingerprint})
   */
  public record BuiltinModel(
      String id, String name, int dimension, int maxSeqLength, Path folder, String fingerprint) {}

  private static void configureEngineDefaults() {
    System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
    System.setProperty(
        "ai.djl.pytorch.num_interop_threads",
        System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    System.setProperty(
        "ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
    System.setProperty(
        "ai.djl.pytorch.graph_optimizer",
        System.getProperty("ai.djl.pytorch.graph_optimizer", "false"));
  }
}
