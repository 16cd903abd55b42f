package io.semsearch.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The build settings in which a request differs from an existing index. Segments written with other
 * HNSW or quantization settings, or passages cut another way, would make one index behave as two,
 * so writers refuse them; callers name the settings in their own words (a command line maps them to
 * its flags) from {@link Difference#setting()}.
 *
 * @param differences one per setting that differs, in the order of {@link Setting}; empty when the
 *     request matches the index
 */
public record SettingsConflict(List<Difference> differences) {

  /** A build setting an index keeps for its whole life. */
  public enum Setting {
    /** {@link IndexSettings#hnswM()}. */
    HNSW_M("HNSW M"),
    /** {@link IndexSettings#beamWidth()}. */
    HNSW_BEAM_WIDTH("HNSW beam width"),
    /** {@link IndexSettings#quantization()}. */
    QUANTIZATION("quantization"),
    /** {@link IndexSettings#passageOverlapTokens()}. */
    PASSAGE_OVERLAP("passage overlap tokens");

    private final String label;

    Setting(String label) {
      this.label = label;
    }

    /** The setting's name in words, e.g. {@code HNSW M}. */
    public String label() {
      return label;
    }
  }

  /**
   * One setting that differs.
   *
   * @param setting which one
   * @param indexValue the index's value, as its metadata writes it (e.g. {@code 16}, {@code int8})
   * @param requestedValue the value asked for, written the same way
   */
  public record Difference(Setting setting, String indexValue, String requestedValue) {

    /** Checks that no field is null. */
    public Difference {
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(indexValue, "indexValue");
      Objects.requireNonNull(requestedValue, "requestedValue");
    }

    /** {@code NAME INDEX-VALUE (not REQUESTED-VALUE)}, with {@code name} for the setting. */
    public String describe(String name) {
      return name + " " + indexValue + " (not " + requestedValue + ")";
    }
  }

  /** Copies the list. */
  public SettingsConflict {
    differences = List.copyOf(differences);
  }

  /** The settings in which {@code requested} differs from those {@code index} was built with. */
  public static SettingsConflict between(IndexMetadata index, IndexSettings requested) {
    List<Difference> differences = new ArrayList<>();
    add(differences, Setting.HNSW_M, index.hnswM(), requested.hnswM());
    add(differences, Setting.HNSW_BEAM_WIDTH, index.beamWidth(), requested.beamWidth());
    add(
        differences,
        Setting.QUANTIZATION,
        index.quantization().label(),
        requested.quantization().label());
    add(
        differences,
        Setting.PASSAGE_OVERLAP,
        index.passageOverlapTokens(),
        requested.passageOverlapTokens());
    return new SettingsConflict(differences);
  }

  private static void add(List<Difference> to, Setting setting, Object index, Object requested) {
    if (!index.equals(requested)) {
      to.add(new Difference(setting, index.toString(), requested.toString()));
    }
  }

  /** Whether the request matches the index. */
  public boolean isEmpty() {
    return differences.isEmpty();
  }

  /** The differences in words, e.g. {@code HNSW M 8 (not 16), quantization int8 (not none)}. */
  public String describe() {
    return differences.stream()
        .map(d -> d.describe(d.setting().label()))
        .collect(Collectors.joining(", "));
  }
}
