package io.semsearch.encoder.torch;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.model.Architecture;
import io.semsearch.encoder.model.BertConfig;
import io.semsearch.encoder.model.ModelFolderWriter;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.ModelSpec;
import io.semsearch.encoder.model.OutputLayer;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.model.WeightMap;
import io.semsearch.encoder.torch.BertForward.BertWeights;
import io.semsearch.encoder.torch.BertForward.DenseStage;
import io.semsearch.encoder.torch.BertForward.EncoderLayer;
import io.semsearch.encoder.torch.BertForward.LayerNormWeights;
import io.semsearch.encoder.torch.BertForward.Linear;
import io.semsearch.encoder.torch.BertForward.NormalizeStage;
import io.semsearch.encoder.torch.BertForward.OutputStage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sentence-transformers BERT model whose weights are trainable parameters: float32 arrays on the
 * CPU that record gradients, run through the same {@link BertForward} pass as inference.
 *
 * <p>The parameters are the checkpoint's own tensors, named as in the file (without a {@code bert.}
 * prefix) and, for Dense modules, {@code N_Dense/linear.weight}: separate query, key and value
 * projections, and the whole token-type table. Each call to {@link #embed} derives the layout the
 * pass runs on inside the caller's scope (query, key and value stacked with the attention scale
 * folded into the query rows; token-type row 0), so gradients flow back to the checkpoint's tensors
 * and optimizer state, weight decay and clipping act on them as they do in PyTorch.
 *
 * <p>This object owns one {@link NDManager} with the parameters and the tokenizer; gradients
 * accumulate in the parameters (libtorch's {@code .grad}) until {@link #zeroGradients()}. There is
 * no dropout: the pass is deterministic, as in inference.
 */
public final class TrainableSentenceModel implements AutoCloseable {

  /**
   * A trainable weight.
   *
   * @param name the checkpoint's tensor name (e.g. {@code
   *     encoder.layer.0.attention.self.query.weight})
   * @param value the array, which records gradients
   * @param decays whether weight decay applies: not to biases nor LayerNorm weights, as in
   *     transformers' Trainer
   */
  public record Parameter(String name, NDArray value, boolean decays) {

    /** The accumulated gradient (zeros before any backward pass), attached to {@code scope}. */
    public NDArray gradient(NDManager scope) {
      NDArray gradient = value.getGradient();
      gradient.attach(scope);
      return gradient;
    }

    /**
     * A view of the value that shares its memory but records no gradient, attached to {@code
     * scope}: in-place updates on it change the parameter.
     */
    public NDArray data(NDManager scope) {
      NDArray data = value.stopGradient();
      data.attach(scope);
      return data;
    }
  }

  private final ModelSpec spec;
  private final BertConfig config;
  private final NDManager manager;
  private final SentenceTokenizer tokenizer;
  private final WeightMap checkpoint;
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();

  private TrainableSentenceModel(ModelSpec spec, Device device) throws IOException {
    this.spec = spec;
    this.config = spec.transformer().config();
    if (!(config.architecture() instanceof Architecture.Bert)) {
      throw new ModelFormatException(
          spec.folder()
              + ": training runs BERT models only, not model_type '"
              + config.architecture().modelType()
              + "'");
    }
    this.checkpoint = WeightMap.read(spec.transformer().weights());
    this.tokenizer = new SentenceTokenizer(spec.transformer());
    this.manager = NDManager.newBaseManager(device);
    boolean ok = false;
    try {
      loadTransformer();
      for (int i = 0; i < spec.outputLayers().size(); i++) {
        if (spec.outputLayers().get(i) instanceof OutputLayer.Dense dense) {
          WeightMap w = WeightMap.read(dense.weights());
          String prefix = ModelFolderWriter.outputModuleFolder(spec, i) + "/";
          add(
              prefix + "linear.weight",
              w.get("linear.weight", dense.outFeatures(), dense.inFeatures()));
          if (dense.bias()) {
            add(prefix + "linear.bias", w.get("linear.bias", dense.outFeatures()));
          }
        }
      }
      ok = true;
    } finally {
      if (!ok) {
        manager.close();
        tokenizer.close();
      }
    }
  }

  /**
   * Loads {@code spec}'s weights as float32 parameters on the CPU.
   *
   * @throws io.semsearch.encoder.model.ModelFormatException if a weight is missing or has the wrong
   *     shape, naming it and the file
   */
  public static TrainableSentenceModel load(ModelSpec spec) throws IOException {
    return new TrainableSentenceModel(spec, Device.cpu());
  }

  /**
   * Loads {@code spec}'s weights as float32 parameters on the device {@code device} names, chosen
   * as inference chooses ({@link TorchSentenceEncoder#chooseDevice}: {@code auto} is the first GPU
   * when the engine sees one, else the CPU); every array of a step is made on the same device.
   *
   * @throws io.semsearch.encoder.model.ModelFormatException if a weight is missing or has the wrong
   *     shape, naming it and the file
   * @throws IllegalArgumentException if a GPU is asked for that the engine does not see
   */
  public static TrainableSentenceModel load(ModelSpec spec, DeviceSpec device) throws IOException {
    return new TrainableSentenceModel(spec, TorchSentenceEncoder.chooseDevice(device));
  }

  /** The device the parameters live on, as {@code cpu} or {@code gpu:N}. */
  public DeviceSpec device() {
    Device device = manager.getDevice();
    return device.isGpu()
        ? new DeviceSpec(DeviceSpec.Kind.GPU, device.getDeviceId())
        : DeviceSpec.CPU;
  }

  private void loadTransformer() throws IOException {
    int h = config.hiddenSize();
    int inter = config.intermediateSize();
    addChecked("embeddings.word_embeddings.weight", config.vocabSize(), h);
    addChecked("embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h);
    addChecked("embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
    addChecked("embeddings.LayerNorm.weight", h);
    addChecked("embeddings.LayerNorm.bias", h);
    for (int i = 0; i < config.numLayers(); i++) {
      String p = "encoder.layer." + i + ".";
      for (String projection : List.of("query", "key", "value")) {
        addChecked(p + "attention.self." + projection + ".weight", h, h);
        addChecked(p + "attention.self." + projection + ".bias", h);
      }
      addChecked(p + "attention.output.dense.weight", h, h);
      addChecked(p + "attention.output.dense.bias", h);
      addChecked(p + "attention.output.LayerNorm.weight", h);
      addChecked(p + "attention.output.LayerNorm.bias", h);
      addChecked(p + "intermediate.dense.weight", inter, h);
      addChecked(p + "intermediate.dense.bias", inter);
      addChecked(p + "output.dense.weight", h, inter);
      addChecked(p + "output.dense.bias", h);
      addChecked(p + "output.LayerNorm.weight", h);
      addChecked(p + "output.LayerNorm.bias", h);
    }
  }

  private void addChecked(String name, long... shape) throws IOException {
    add(name, checkpoint.get(name, shape));
  }

  private void add(String name, Tensor tensor) {
    // DJL keeps an array made from Java data in a direct buffer, aligned only as malloc happens to
    // align it; MKL's matrix products may round differently on differently aligned operands, so a
    // run's last bits would depend on where the buffers landed. A copy in libtorch's own
    // (64-byte aligned) memory keeps a seeded run repeatable.
    NDArray value;
    try (NDArray fromJava = manager.create(tensor.data(), new Shape(tensor.shape()))) {
      value = fromJava.duplicate();
    }
    value.setName(name);
    value.setRequiresGradient(true);
    boolean decays = !name.contains("bias") && !name.contains("LayerNorm");
    parameters.put(name, new Parameter(name, value, decays));
  }

  /** The model's description (folder, pooling, output modules) as read. */
  public ModelSpec spec() {
    return spec;
  }

  /** Every parameter, in checkpoint order: the Transformer's, then each Dense module's. */
  public List<Parameter> parameters() {
    return List.copyOf(parameters.values());
  }

  /** Token ids of {@code text} as inference makes them: special tokens, max_seq_length. */
  public long[] tokenize(String text) {
    return tokenizer.ids(text);
  }

  /** A new scope for one step's arrays; the caller closes it. */
  public NDManager newScope() {
    return manager.newSubManager();
  }

  /**
   * Sentence embeddings {@code [B, D]} of token id sequences, in {@code scope}, through the same
   * pass as inference (no prompt left out of pooling). Within a gradient collector, a backward pass
   * from a result accumulates gradients into the parameters.
   *
   * @throws IllegalArgumentException if a sequence is longer than the position table
   */
  public NDArray embed(List<long[]> sequences, NDManager scope) {
    BertForward forward = new BertForward(config, spec.pooling(), DataType.FLOAT32, weights(scope));
    forward.checkLengths(sequences);
    PackedBatch packed = PackedBatch.of(sequences, scope);
    return forward.embed(packed, packed.mask());
  }

  /** The arrays the pass reads, derived from the parameters inside {@code scope}. */
  private BertWeights weights(NDManager scope) {
    float scale = (float) (1.0 / Math.sqrt(config.headSize()));
    List<EncoderLayer> layers = new ArrayList<>();
    for (int i = 0; i < config.numLayers(); i++) {
      String p = "encoder.layer." + i + ".";
      String self = p + "attention.self.";
      NDArray qkv =
          stack(
              scope,
              in(scope, value(self + "query.weight").mul(scale)),
              value(self + "key.weight"),
              value(self + "value.weight"));
      NDArray qkvBias =
          stack(
              scope,
              in(scope, value(self + "query.bias").mul(scale)),
              value(self + "key.bias"),
              value(self + "value.bias"));
      layers.add(
          new EncoderLayer(
              new Linear(qkv, qkvBias),
              linear(p + "attention.output.dense"),
              layerNorm(p + "attention.output.LayerNorm"),
              linear(p + "intermediate.dense"),
              linear(p + "output.dense"),
              layerNorm(p + "output.LayerNorm")));
    }
    List<OutputStage> stages = new ArrayList<>();
    for (int i = 0; i < spec.outputLayers().size(); i++) {
      String prefix = ModelFolderWriter.outputModuleFolder(spec, i) + "/linear";
      stages.add(
          switch (spec.outputLayers().get(i)) {
            case OutputLayer.Dense dense ->
                new DenseStage(
                    dense.activation(),
                    new Linear(
                        value(prefix + ".weight"), dense.bias() ? value(prefix + ".bias") : null));
            case OutputLayer.Normalize normalize -> new NormalizeStage();
          });
    }
    return new BertWeights(
        value("embeddings.word_embeddings.weight"),
        value("embeddings.position_embeddings.weight"),
        in(scope, value("embeddings.token_type_embeddings.weight").get(0)),
        null,
        layerNorm("embeddings.LayerNorm"),
        layers,
        stages);
  }

  private NDArray value(String name) {
    return parameters.get(name).value();
  }

  private Linear linear(String name) {
    return new Linear(value(name + ".weight"), value(name + ".bias"));
  }

  private LayerNormWeights layerNorm(String name) {
    return new LayerNormWeights(value(name + ".weight"), value(name + ".bias"));
  }

  /** An op called on a parameter puts its result in the parameters' manager: move it to scope. */
  private static NDArray in(NDManager scope, NDArray derived) {
    derived.attach(scope);
    return derived;
  }

  private static NDArray stack(NDManager scope, NDArray... rows) {
    return in(scope, NDArrays.concat(new NDList(rows), 0));
  }

  /**
   * Overwrites parameter {@code name}'s values in place (a checkpoint being restored), keeping its
   * gradient and identity.
   *
   * @throws IllegalArgumentException if there is no such parameter or the length differs
   */
  public void assign(String name, float[] values) {
    Parameter p = parameters.get(name);
    if (p == null) {
      throw new IllegalArgumentException("no parameter named " + name);
    }
    try (NDManager scope = newScope()) {
      NDArray data = p.data(scope);
      if (data.size() != values.length) {
        throw new IllegalArgumentException(
            name + " has " + data.size() + " values, got " + values.length);
      }
      // an in-place copy into the parameter's storage: set(Buffer) would give the view new storage
      data.set(new NDIndex("..."), scope.create(values, data.getShape()));
    }
  }

  /** Sets every parameter's accumulated gradient to zero. */
  public void zeroGradients() {
    try (NDManager scope = newScope()) {
      for (Parameter p : parameters.values()) {
        p.gradient(scope).muli(0f);
      }
    }
  }

  /**
   * Writes the current weights as a sentence-transformers folder that {@link
   * io.semsearch.encoder.model.ModelFolder} loads: the checkpoint's tensors under their own names
   * (those the pass does not use, such as the pooler, unchanged), the Dense modules' weights, and
   * the base model's configs and tokenizer (see {@link ModelFolderWriter}).
   */
  public void save(Path folder) throws IOException {
    List<Tensor> transformer = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : checkpoint.all().entrySet()) {
      String name = e.getKey();
      String canonical = name.startsWith("bert.") ? name.substring(5) : name;
      Parameter p = parameters.get(canonical);
      transformer.add(p == null ? e.getValue() : tensor(name, p));
    }
    List<List<Tensor>> dense = new ArrayList<>();
    for (int i = 0; i < spec.outputLayers().size(); i++) {
      if (spec.outputLayers().get(i) instanceof OutputLayer.Dense d) {
        String prefix = ModelFolderWriter.outputModuleFolder(spec, i) + "/";
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(tensor("linear.weight", parameters.get(prefix + "linear.weight")));
        if (d.bias()) {
          tensors.add(tensor("linear.bias", parameters.get(prefix + "linear.bias")));
        }
        dense.add(tensors);
      }
    }
    ModelFolderWriter.write(spec, transformer, dense, folder);
  }

  private static Tensor tensor(String name, Parameter p) {
    return new Tensor(name, p.value().getShape().getShape(), p.value().toFloatArray());
  }

  @Override
  public void close() {
    manager.close();
    tokenizer.close();
  }
}
