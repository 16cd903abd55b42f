package io.semsearch.encoder.torch.train;

import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.torch.TrainableSentenceModel;
import io.semsearch.encoder.torch.TrainableSentenceModel.Parameter;
import io.semsearch.encoder.train.CheckpointState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints of one run, in a folder of {@code step-N} subfolders (N the steps taken), each
 * holding {@code model.safetensors} (every trainable parameter under its name, float32), {@code
 * optimizer.safetensors} (AdamW's {@code exp_avg.NAME} and {@code exp_avg_sq.NAME}) and {@code
 * state.json} ({@link CheckpointState}).
 *
 * <p>A checkpoint is written into {@code .step-N.partial}, each file forced to disk, then renamed
 * to {@code step-N} in one atomic move and the folder forced too; so a kill at any moment leaves
 * either the whole checkpoint or a partial folder that is ignored and replaced. Only the newest
 * {@link #KEPT} checkpoints are kept.
 */
public final class CheckpointStore {

  /** Checkpoints kept: the newest two, so a damaged newest one still leaves one to resume. */
  public static final int KEPT = 2;

  private static final String PREFIX = "step-";
  private static final String STATE = "state.json";
  private static final String MODEL = "model.safetensors";
  private static final String OPTIMIZER = "optimizer.safetensors";

  private final Path folder;

  /** The store in {@code folder} (created when the first checkpoint is written). */
  public CheckpointStore(Path folder) {
    this.folder = folder;
  }

  /** Where the checkpoints are. */
  public Path folder() {
    return folder;
  }

  /**
   * Writes the model's parameters, the optimizer's moments and {@code state} as checkpoint {@code
   * state.step()}, then removes all but the newest {@link #KEPT}.
   */
  public Path write(TrainableSentenceModel model, AdamW optimizer, CheckpointState state)
      throws IOException {
    Files.createDirectories(folder);
    String name = PREFIX + state.step();
    Path partial = folder.resolve("." + name + ".partial");
    deleteTree(partial);
    Files.createDirectories(partial);
    List<Parameter> parameters = model.parameters();
    List<Tensor> weights = new ArrayList<>();
    List<Tensor> moments = new ArrayList<>();
    for (int i = 0; i < parameters.size(); i++) {
      Parameter p = parameters.get(i);
      long[] shape = p.value().getShape().getShape();
      weights.add(new Tensor(p.name(), shape, p.value().toFloatArray()));
      moments.add(new Tensor("exp_avg." + p.name(), shape, optimizer.firstMoment(i)));
      moments.add(new Tensor("exp_avg_sq." + p.name(), shape, optimizer.secondMoment(i)));
    }
    Safetensors.write(partial.resolve(MODEL), weights);
    Safetensors.write(partial.resolve(OPTIMIZER), moments);
    Files.write(partial.resolve(STATE), state.toJson());
    for (String file : List.of(MODEL, OPTIMIZER, STATE)) {
      force(partial.resolve(file));
    }
    force(partial);
    Path target = folder.resolve(name);
    deleteTree(target);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    force(folder);
    List<Path> all = complete();
    for (int i = 0; i < all.size() - KEPT; i++) {
      deleteTree(all.get(i));
    }
    return target;
  }

  /** The newest complete checkpoint's folder, if any. */
  public Optional<Path> latest() throws IOException {
    List<Path> all = complete();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** Reads the state of the checkpoint in {@code checkpoint}. */
  public static CheckpointState readState(Path checkpoint) throws IOException {
    Path file = checkpoint.resolve(STATE);
    return CheckpointState.fromJson(Files.readAllBytes(file), file);
  }

  /**
   * Puts the checkpoint's weights into {@code model} and its moments and step into {@code
   * optimizer}.
   *
   * @throws IOException if a file can't be read or lacks a parameter, naming it
   */
  public static void restore(Path checkpoint, TrainableSentenceModel model, AdamW optimizer)
      throws IOException {
    CheckpointState state = readState(checkpoint);
    Map<String, Tensor> weights = Safetensors.read(checkpoint.resolve(MODEL));
    Map<String, Tensor> moments = Safetensors.read(checkpoint.resolve(OPTIMIZER));
    List<float[]> first = new ArrayList<>();
    List<float[]> second = new ArrayList<>();
    for (Parameter p : model.parameters()) {
      model.assign(p.name(), required(weights, p.name(), checkpoint.resolve(MODEL)));
      first.add(required(moments, "exp_avg." + p.name(), checkpoint.resolve(OPTIMIZER)));
      second.add(required(moments, "exp_avg_sq." + p.name(), checkpoint.resolve(OPTIMIZER)));
    }
    optimizer.restore(state.step(), first, second);
  }

  /** Removes every checkpoint and the folder (after the final model is written). */
  public void deleteAll() throws IOException {
    deleteTree(folder);
  }

  private static float[] required(Map<String, Tensor> tensors, String name, Path file)
      throws IOException {
    Tensor t = tensors.get(name);
    if (t == null) {
      throw new IOException(file + ": no tensor " + name);
    }
    return t.data();
  }

  /** Complete checkpoints (with a state file), oldest first. */
  private List<Path> complete() throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+"))
          .filter(p -> Files.isRegularFile(p.resolve(STATE)))
          .sorted(
              Comparator.comparingLong(
                  p -> Long.parseLong(p.getFileName().toString().substring(PREFIX.length()))))
          .toList();
    }
  }

  /** fsync of a file or folder (a folder's entries are durable once it is forced). */
  private static void force(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
