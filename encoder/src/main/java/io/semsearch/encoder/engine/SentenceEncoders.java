package io.semsearch.encoder.engine;

import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.encoder.builtin.BgeSmallModel;
import io.semsearch.encoder.builtin.DefaultModel;
import io.semsearch.encoder.builtin.TinyModel;
import io.semsearch.encoder.model.CrossEncoderSpec;
import io.semsearch.encoder.model.ModelFingerprint;
import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.ort.LinearKernel;
import io.semsearch.encoder.ort.OrtSentenceModel;
import io.semsearch.encoder.torch.TorchCrossEncoder;
import io.semsearch.encoder.torch.TorchSentenceEncoder;
import io.semsearch.encoder.torch.TorchSimilarityKernel;
import io.semsearch.encoder.torch.TrainableSentenceModel;
import io.semsearch.encoder.torch.train.CheckpointStore;
import io.semsearch.encoder.torch.train.Trainer;
import io.semsearch.encoder.train.EvaluationResult;
import io.semsearch.encoder.train.ModelCard;
import io.semsearch.encoder.train.TrainingConfig;
import io.semsearch.encoder.train.TrainingData;
import io.semsearch.encoder.train.TrainingEvaluator;
import io.semsearch.encoder.train.TrainingListener;
import io.semsearch.encoder.train.TrainingOptions;
import io.semsearch.encoder.train.TrainingSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
    return open(locate(model), options);
  }

  /**
   * Reads the model named by {@code model} (as {@link #open(String, EncoderOptions)} names it)
   * without loading it, importing a built-in model first if needed; {@link #open(ModelSpec,
   * EncoderOptions)} opens it, for example after {@link ModelSpec#withTruncateDim(int)}.
   *
   * @throws IOException if the model can't be found or read; the message names it
   */
  public static ModelSpec locate(String model) throws IOException {
    return ModelLocator.fromEnvironment().locate(model);
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
   * <p>A model with a {@linkplain ModelSpec#truncateDim() truncation} runs at its full width and
   * its embeddings are cut afterwards ({@link io.semsearch.encoder.Matryoshka}), whatever the
   * engine.
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
    return truncated(spec, new TorchSentenceEncoder(spec, options));
  }

  /** {@code full} cut to {@code spec}'s truncation, or {@code full} itself when it has none. */
  private static SentenceEncoder truncated(ModelSpec spec, SentenceEncoder full) {
    return spec.truncateDim() > 0 ? new TruncatedEncoder(full, spec.truncateDim()) : full;
  }

  /**
   * Opens the cross-encoder {@code model} names (a folder or a Hugging Face repo id of a one-label
   * {@code BertForSequenceClassification}) on libtorch, in the sentence encoder's pipeline (batch
   * queue, length grouping, thread sizing from {@code options}).
   *
   * @throws IOException if the model can't be found, downloaded or loaded; the message names it
   * @throws IllegalArgumentException if {@code options} ask for int8, which cross-encoders don't
   *     run yet, or for a GPU the engine does not see
   */
  public static CrossEncoder openCrossEncoder(String model, EncoderOptions options)
      throws IOException {
    if (options.precision() == Precision.INT8 && options.device().kind() == DeviceSpec.Kind.GPU) {
      throw new IllegalArgumentException(
          "--precision int8 runs on the CPU only; use --device cpu (or auto), or fp16/bf16 on a"
              + " GPU");
    }
    CrossEncoderSpec spec = ModelLocator.fromEnvironment().locateCrossEncoder(model);
    configureEngineDefaults();
    return options.precision() == Precision.INT8
        ? crossEncoderOnOnnxRuntime(spec, options, LinearKernel.DYNAMIC_QUANTIZE_MATMUL)
        : new TorchCrossEncoder(spec, options);
  }

  /**
   * Opens the cross-encoder {@code spec} on ONNX Runtime on the CPU with the given Linear kernel,
   * in the same pipeline as libtorch's: {@link LinearKernel#DYNAMIC_QUANTIZE_MATMUL} is what {@code
   * --precision int8} runs; {@link LinearKernel#FP32} is for tests. The graph is generated from the
   * model as its sentence pipeline ({@link CrossEncoderSpec#asSentencePipeline}) with token types.
   *
   * @throws IOException if the weights can't be read or ONNX Runtime can't load, in one line
   */
  public static CrossEncoder crossEncoderOnOnnxRuntime(
      CrossEncoderSpec spec, EncoderOptions options, LinearKernel kernel) throws IOException {
    configureEngineDefaults();
    return TorchCrossEncoder.onCpu(
        spec,
        options,
        sizing -> {
          // the head's weights are copied to scratch files the graph is built from, then dropped
          Path scratch = Files.createTempDirectory("semsearch-cross-encoder-");
          try {
            return OrtSentenceModel.loadPairs(spec.asSentencePipeline(scratch), kernel, sizing);
          } finally {
            deleteTree(scratch);
          }
        });
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
    return truncated(
        spec,
        TorchSentenceEncoder.onCpu(
            spec, options, sizing -> OrtSentenceModel.load(spec, kernel, sizing)));
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
   * on {@code data} on all cores of the CPU or a GPU in float32, then writes it to {@code output}
   * as a sentence-transformers folder that {@link #open(Path, String, EncoderOptions)} loads.
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
    return train(model, data, config, output, listener, TrainingOptions.defaults());
  }

  /**
   * Fine-tunes {@code model} as {@link #train(String, TrainingData, TrainingConfig, Path,
   * TrainingListener)} does, with {@code options}:
   *
   * <ul>
   *   <li>the device is chosen as inference chooses it ({@code auto}: a GPU when the engine sees
   *       one, else the CPU, which is logged); the intra-op threads are {@code options.threads()};
   *   <li>checkpoints go to {@code output/checkpoints} ({@link #checkpointFolder}) every {@code
   *       options.checkpointEvery()} steps; {@code options.resume()} continues from the newest one
   *       (refused when it was made from other data, settings or base model); they are removed once
   *       the model is written;
   *   <li>each evaluator scores the base model, the model at each checkpoint (saved to a temporary
   *       folder and opened like any model) and the written output folder, with an encoder opened
   *       as {@code eval} commands open one, so their numbers are the ones those commands give;
   *   <li>a model card ({@link ModelCard}) with the settings, losses and evaluation tables is
   *       written as {@code output/README.md}.
   * </ul>
   *
   * @throws IllegalArgumentException also if resuming is asked for without a checkpoint, or with
   *     one of another run (naming what differs), or a GPU is asked for that the engine does not
   *     see
   */
  public static TrainingSummary train(
      String model,
      TrainingData data,
      TrainingConfig config,
      Path output,
      TrainingListener listener,
      TrainingOptions options)
      throws IOException {
    ModelSpec spec = ModelLocator.fromEnvironment().locate(model);
    configureEngineDefaults();
    CheckpointStore store = new CheckpointStore(checkpointFolder(output));
    TrainingSummary summary;
    DeviceSpec device;
    try (TrainableSentenceModel trainable = TrainableSentenceModel.load(spec, options.device())) {
      device = trainable.device();
      options
          .log()
          .accept(
              device.kind() == DeviceSpec.Kind.GPU
                  ? "training on " + device
                  : "training on the CPU"
                      + (options.device().kind() == DeviceSpec.Kind.AUTO
                          ? " (the engine sees no GPU)"
                          : "")
                      + (options.effectiveThreads() == 1
                          ? ", 1 thread"
                          : ", " + options.effectiveThreads() + " threads"));
      DeviceSpec evalDevice = device;
      summary =
          Trainer.train(
              trainable,
              data,
              config,
              listener,
              options.effectiveThreads(),
              new Trainer.Checkpointing(store, options.checkpointEvery(), options.resume()),
              (step, m) -> evaluateTrainable(m, step, options, evalDevice));
      trainable.save(output);
    }
    summary = summary.withEvaluations(evaluate(output, summary.steps(), options, device));
    new ModelCard(
            options.baseDescription() != null
                ? options.baseDescription()
                : model == null || model.isEmpty() ? DefaultModel.ID : model,
            spec,
            config,
            options.dataDescription(),
            data.examples().size(),
            summary)
        .write(output);
    store.deleteAll();
    return summary;
  }

  /** Where {@link #train} keeps the checkpoints of a run writing to {@code output}. */
  public static Path checkpointFolder(Path output) {
    return output.resolve("checkpoints");
  }

  /** Evaluates the model being trained by saving it to a temporary folder and opening that. */
  private static List<EvaluationResult> evaluateTrainable(
      TrainableSentenceModel model, int step, TrainingOptions options, DeviceSpec device)
      throws IOException {
    if (options.evaluators().isEmpty()) {
      return List.of();
    }
    Path folder = Files.createTempDirectory("semsearch-eval-");
    try {
      model.save(folder);
      return evaluate(folder, step, options, device);
    } finally {
      deleteTree(folder);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static List<EvaluationResult> evaluate(
      Path folder, int step, TrainingOptions options, DeviceSpec device) throws IOException {
    List<EvaluationResult> results = new ArrayList<>();
    if (options.evaluators().isEmpty()) {
      return results;
    }
    try (SentenceEncoder encoder =
        open(
            folder,
            folder.getFileName().toString(),
            EncoderOptions.defaults().withDevice(device))) {
      for (TrainingEvaluator evaluator : options.evaluators()) {
        EvaluationResult result =
            new EvaluationResult(evaluator.name(), step, evaluator.evaluate(encoder));
        options.log().accept(describe(result));
        results.add(result);
      }
    }
    return results;
  }

  private static String describe(EvaluationResult r) {
    StringBuilder line =
        new StringBuilder(r.step() == 0 ? "base model" : "step " + r.step())
            .append(' ')
            .append(r.evaluator())
            .append(':');
    int shown = 0;
    for (var e : r.metrics().entrySet()) {
      if (shown++ == 4) {
        break;
      }
      line.append(String.format(java.util.Locale.ROOT, " %s %.4f", e.getKey(), e.getValue()));
    }
    return line.toString();
  }

  /**
   * The models semsearch ships ({@code --model} ids): the default model, {@code tiny} and {@code
   * bge-small} (when its artifact is on the classpath), each imported or copied into the cache if
   * needed so its folder and fingerprint can be given.
   *
   * @throws IOException if a model can't be imported or read
   */
  public static List<BuiltinModel> builtinModels() throws IOException {
    ModelLocator locator = ModelLocator.fromEnvironment();
    List<BuiltinModel> models = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    names.put(DefaultModel.ID, "all-MiniLM-L6-v2 (the default)");
    names.put(TinyModel.ID, "bert-tiny-dense distilled from all-MiniLM-L6-v2");
    if (BgeSmallModel.MODEL.isAvailable()) {
      names.put(BgeSmallModel.ID, "BAAI/bge-small-en-v1.5 (query prompt for retrieval)");
    }
    for (var entry : names.entrySet()) {
      String id = entry.getKey();
      ModelSpec spec = locator.locate(id);
      models.add(
          new BuiltinModel(
              id,
              entry.getValue(),
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
