package io.semsearch.encoder.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scalar part of a checkpoint, stored as {@code state.json} beside its weights and optimizer
 * moments. The step is all the loop needs to continue in the same data order: the shuffles are
 * replayed from the seed (one per epoch started), which reproduces the order and the random
 * generator's state exactly without storing them.
 *
 * @param step optimizer steps taken
 * @param examples examples seen
 * @param firstLoss the run's first loss
 * @param lastLoss the loss of step {@code step}
 * @param seconds training seconds up to this checkpoint
 * @param fingerprint what the run was made of, checked on resume
 * @param evaluations evaluations so far (base model and earlier checkpoints)
 */
public record CheckpointState(
    int step,
    long examples,
    double firstLoss,
    double lastLoss,
    double seconds,
    RunFingerprint fingerprint,
    List<EvaluationResult> evaluations) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies the evaluations. */
  public CheckpointState {
    evaluations = List.copyOf(evaluations);
  }

  /** The state as JSON bytes (NaN metrics as null). */
  public byte[] toJson() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("step", step);
    root.put("examples", examples);
    root.put("first_loss", firstLoss);
    root.put("last_loss", lastLoss);
    root.put("seconds", seconds);
    ObjectNode fp = root.putObject("fingerprint");
    fingerprint.values().forEach(fp::put);
    EvaluationResult.writeJson(evaluations, root.putArray("evaluations"));
    return JSON.writeValueAsBytes(root);
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @throws IOException if the bytes are not such a state, naming {@code source}
   */
  public static CheckpointState fromJson(byte[] json, Path source) throws IOException {
    try {
      JsonNode root = JSON.readTree(json);
      Map<String, String> fp = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.get("fingerprint").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        fp.put(e.getKey(), e.getValue().asText());
      }
      List<EvaluationResult> evaluations = new ArrayList<>();
      for (JsonNode e : root.get("evaluations")) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = e.get("metrics").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> m = it.next();
          metrics.put(m.getKey(), m.getValue().isNull() ? Double.NaN : m.getValue().asDouble());
        }
        evaluations.add(
            new EvaluationResult(e.get("evaluator").asText(), e.get("step").asInt(), metrics));
      }
      return new CheckpointState(
          root.get("step").asInt(),
          root.get("examples").asLong(),
          root.get("first_loss").asDouble(),
          root.get("last_loss").asDouble(),
          root.get("seconds").asDouble(),
          new RunFingerprint(fp),
          evaluations);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          source + ": not a training checkpoint's state (" + e.getMessage() + ")", e);
    }
  }
}
