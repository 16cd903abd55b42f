package io.semsearch.encoder.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module's weights: one {@code model.safetensors}, or shards named by a {@code
 * model.safetensors.index.json} (its {@code weight_map} maps each tensor to the shard file beside
 * it that holds it), as {@code save_pretrained} writes large models.
 */
public final class SafetensorsWeights {

  /** The single-file weights of a module folder. */
  public static final String SINGLE = "model.safetensors";

  /** The index of sharded weights. */
  public static final String INDEX = "model.safetensors.index.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWeights() {}

  /**
   * The weights file of {@code folder}: {@code model.safetensors}, else {@code
   * model.safetensors.index.json}, else null.
   */
  public static Path find(Path folder) {
    Path single = folder.resolve(SINGLE);
    if (Files.isRegularFile(single)) {
      return single;
    }
    Path index = folder.resolve(INDEX);
    return Files.isRegularFile(index) ? index : null;
  }

  /** Whether {@code weights} is a shard index rather than a safetensors file. */
  public static boolean isIndex(Path weights) {
    return weights.getFileName().toString().endsWith(".index.json");
  }

  /**
   * Reads every tensor: of the file, or of every shard the index names.
   *
   * @throws IOException if a file is missing or invalid, the index names a shard outside its
   *     folder, a tensor the index maps is not in its shard, or two shards hold the same tensor;
   *     the message names the file
   */
  public static Map<String, Tensor> read(Path weights) throws IOException {
    if (!isIndex(weights)) {
      return Safetensors.read(weights);
    }
    Map<String, String> weightMap = weightMap(weights);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (String shard : new LinkedHashSet<>(weightMap.values())) {
      Path file = weights.resolveSibling(shard);
      for (Map.Entry<String, Tensor> e : Safetensors.read(file).entrySet()) {
        if (tensors.putIfAbsent(e.getKey(), e.getValue()) != null) {
          throw new IOException(
              weights
                  + ": tensor "
                  + e.getKey()
                  + " is in more than one shard (again in "
                  + shard
                  + ")");
        }
      }
    }
    for (Map.Entry<String, String> e : weightMap.entrySet()) {
      if (!tensors.containsKey(e.getKey())) {
        throw new IOException(
            weights + ": tensor " + e.getKey() + " is not in its shard " + e.getValue());
      }
    }
    return tensors;
  }

  /** The files behind {@code weights}: itself, or the index and then its shards. */
  public static List<Path> files(Path weights) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(weights);
    if (isIndex(weights)) {
      for (String shard : new LinkedHashSet<>(weightMap(weights).values())) {
        files.add(weights.resolveSibling(shard));
      }
    }
    return files;
  }

  /** The shard file names of the index at {@code index}, which must be in its own folder. */
  public static Set<String> shardNames(Path index) throws IOException {
    return new LinkedHashSet<>(weightMap(index).values());
  }

  private static Map<String, String> weightMap(Path index) throws IOException {
    JsonNode json;
    try {
      json = JSON.readTree(Files.readAllBytes(index));
    } catch (NoSuchFileException e) {
      throw new IOException(index + ": missing", e);
    } catch (IOException e) {
      throw new IOException(
          index + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
    JsonNode map = json.path("weight_map");
    if (!map.isObject() || map.isEmpty()) {
      throw new IOException(index + ": no weight_map of tensor names to shard files");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (var entry : map.properties()) {
      String shard = entry.getValue().asText("");
      if (!entry.getValue().isTextual()
          || shard.isEmpty()
          || shard.contains("/")
          || shard.contains("\\")
          || shard.startsWith(".")) {
        throw new IOException(
            index
                + ": tensor "
                + entry.getKey()
                + " maps to '"
                + shard
                + "', not a file name beside the index");
      }
      out.put(entry.getKey(), shard);
    }
    return out;
  }
}
