package io.semsearch.encoder.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.semsearch.encoder.EncodingException;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.batch.EncoderSizing;
import io.semsearch.encoder.batch.PackedLayout;
import io.semsearch.encoder.batch.TokenBatchModel;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.ort.PackedInputs.Input;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentence-transformers BERT model run by ONNX Runtime from a graph generated from its weights
 * ({@link BertOnnxGraph}): the engine behind {@code --precision int8}.
 *
 * <p>One session serves every worker: ONNX Runtime's {@code Run} is thread-safe, and with one
 * intra-op thread (the default sizing on a CPU: one worker per core) each call runs on its caller's
 * thread alone, so the threads in use are the encoder's workers times its intra-op threads and
 * never grow with the number of callers. The session's inter-op pool is off (sequential execution).
 */
public final class OrtSentenceModel implements TokenBatchModel {

  private final ModelSpec spec;
  private final LinearKernel kernel;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final int maxPositions;
  private final boolean pairs;
  private final int firstPosition;

  private OrtSentenceModel(
      ModelSpec spec,
      LinearKernel kernel,
      OrtSession.SessionOptions options,
      OrtSession session,
      boolean pairs) {
    this.pairs = pairs;
    this.spec = spec;
    this.kernel = kernel;
    this.options = options;
    this.session = session;
    this.maxPositions = spec.transformer().config().maxTokens();
    this.firstPosition = spec.transformer().config().architecture().firstPosition();
  }

  /**
   * Builds the graph of {@code spec} with {@code kernel} and opens it with {@code
   * sizing.intraOpThreads()} threads per op.
   *
   * @throws IOException if the weights can't be read, or ONNX Runtime can't load (its native
   *     library or the graph), in one line
   */
  public static OrtSentenceModel load(ModelSpec spec, LinearKernel kernel, EncoderSizing sizing)
      throws IOException {
    return load(spec, kernel, sizing, false);
  }

  /**
   * Loads a cross-encoder given as its sentence pipeline ({@link
   * io.semsearch.encoder.model.CrossEncoderSpec#asSentencePipeline}): its batches are sentence
   * pairs, and the per-sequence numbers {@link #embed} takes are the pairs' first-segment lengths
   * (the tokens of type 0), not pooling skips.
   */
  public static OrtSentenceModel loadPairs(
      ModelSpec spec, LinearKernel kernel, EncoderSizing sizing) throws IOException {
    return load(spec, kernel, sizing, true);
  }

  private static OrtSentenceModel load(
      ModelSpec spec, LinearKernel kernel, EncoderSizing sizing, boolean pairs) throws IOException {
    byte[] graph = BertOnnxGraph.build(spec, kernel, CpuInt8.weightLimit(), pairs);
    OrtEnvironment env = environment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setIntraOpNumThreads(sizing.intraOpThreads());
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      return new OrtSentenceModel(spec, kernel, options, env.createSession(graph, options), pairs);
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw new IOException(
          spec.id() + ": ONNX Runtime can't load the generated graph: " + oneLine(e), e);
    }
  }

  /**
   * ONNX Runtime's environment, loading its native library on first use.
   *
   * @throws IOException in one line when the native library can't load
   */
  static OrtEnvironment environment() throws IOException {
    try {
      return OrtEnvironment.getEnvironment();
    } catch (LinkageError | RuntimeException e) {
      throw new IOException(
          "--precision int8 needs ONNX Runtime's native library (com.microsoft.onnxruntime for "
              + System.getProperty("os.name")
              + " "
              + System.getProperty("os.arch")
              + "), which failed to load: "
              + oneLine(e),
          e);
    }
  }

  private static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  @Override
  public float[][] embed(List<long[]> sequences, int[] poolingSkips) {
    for (long[] s : sequences) {
      if (s.length > maxPositions) {
        throw new IllegalArgumentException(
            "sequence of " + s.length + " tokens exceeds the position table's " + maxPositions);
      }
    }
    Map<String, Input> inputs =
        PackedInputs.of(sequences, pairs ? null : poolingSkips, spec.pooling(), firstPosition);
    if (pairs) {
      long[] types = PackedLayout.of(sequences).typeIds(poolingSkips);
      inputs.put(BertOnnxGraph.TYPE_IDS, new Input(types, null, new long[] {types.length}));
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    List<OnnxTensor> tensors = new ArrayList<>();
    try {
      Map<String, OnnxTensor> feed = new LinkedHashMap<>();
      for (Map.Entry<String, Input> e : inputs.entrySet()) {
        Input in = e.getValue();
        OnnxTensor t =
            in.longs() != null
                ? OnnxTensor.createTensor(env, LongBuffer.wrap(in.longs()), in.shape())
                : OnnxTensor.createTensor(env, FloatBuffer.wrap(in.floats()), in.shape());
        tensors.add(t);
        feed.put(e.getKey(), t);
      }
      try (OrtSession.Result result = session.run(feed)) {
        return (float[][]) result.get(0).getValue();
      }
    } catch (OrtException e) {
      throw new EncodingException("ONNX Runtime failed on a batch: " + oneLine(e), e);
    } finally {
      for (OnnxTensor t : tensors) {
        t.close();
      }
    }
  }

  /** INT8, or FP32 for the float32 graph that tests compare with libtorch. */
  @Override
  public Precision precision() {
    return kernel == LinearKernel.FP32 ? Precision.FP32 : Precision.INT8;
  }

  @Override
  public String describe() {
    return "cpu ("
        + (kernel == LinearKernel.FP32 ? "fp32" : "int8 " + kernel.name().toLowerCase())
        + ", ONNX Runtime)";
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new EncodingException("closing the ONNX Runtime session failed: " + oneLine(e), e);
    } finally {
      options.close();
    }
  }
}
