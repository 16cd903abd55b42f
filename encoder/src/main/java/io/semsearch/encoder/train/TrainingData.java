package io.semsearch.encoder.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Training examples read from a file, with the rows that were skipped.
 *
 * <p>Two formats, by file name ({@code .gz} allowed after either):
 *
 * <ul>
 *   <li>{@code .tsv}: UTF-8, tab-separated, no quoting, a header line naming the columns {@code
 *       anchor}, {@code positive}, {@code negative} (MNRL, optional) and {@code target} (MSE: the
 *       vector's numbers separated by commas or spaces, brackets optional); other columns are
 *       ignored;
 *   <li>{@code .jsonl}: one JSON object per line with the same fields, {@code target} an array of
 *       numbers.
 * </ul>
 *
 * <p>A row that can't be used (wrong column count, empty or missing text, a target that is not
 * numbers or differs in length from the first one, a negative missing where the others have one) is
 * skipped and counted; the first {@value #KEPT_REASONS} reasons are kept, each naming {@code
 * file:line}. Blank lines are ignored. A file without usable rows, a missing required column, or
 * bytes that are not UTF-8 fail the read.
 *
 * @param examples the usable rows in file order
 * @param skipped how many rows were skipped
 * @param skipReasons why, for the first skipped rows
 * @param hasNegatives whether the examples carry negatives
 */
public record TrainingData(
    List<TrainingExample> examples, int skipped, List<String> skipReasons, boolean hasNegatives) {

  /** How many skip reasons are kept. */
  public static final int KEPT_REASONS = 10;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies the lists. */
  public TrainingData {
    examples = List.copyOf(examples);
    skipReasons = List.copyOf(skipReasons);
  }

  /**
   * Reads the examples {@code loss} needs from {@code file}.
   *
   * @throws IOException if the file can't be read, has an unknown extension, lacks a required
   *     column, is not UTF-8 or has no usable row; the message names the file (and line)
   */
  public static TrainingData read(Path file, LossKind loss) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gzip = name.endsWith(".gz");
    String base = gzip ? name.substring(0, name.length() - 3) : name;
    boolean jsonl = base.endsWith(".jsonl") || base.endsWith(".json");
    if (!jsonl && !base.endsWith(".tsv")) {
      throw new IOException(
          file + ": unknown training file format (expected .tsv or .jsonl, optionally .gz)");
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gzip ? new GZIPInputStream(raw) : raw;
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(
                    in,
                    StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)))) {
      Reader r = new Reader(file.toString(), loss, jsonl);
      r.readAll(reader);
      return r.result();
    }
  }

  /** Parses a target vector written as numbers separated by commas or spaces, brackets optional. */
  static float[] parseVector(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1).strip();
    }
    if (s.isEmpty()) {
      throw new NumberFormatException("no numbers");
    }
    String[] parts = s.split("[,\\s]+");
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Float.parseFloat(parts[i]);
      if (!Float.isFinite(out[i])) {
        throw new NumberFormatException("not finite: " + parts[i]);
      }
    }
    return out;
  }

  /** A row that can't be used, with why. */
  private static final class BadRow extends Exception {
    BadRow(String message) {
      super(message, null, false, false);
    }
  }

  /** The state of one read. */
  private static final class Reader {
    private final String source;
    private final LossKind loss;
    private final boolean jsonl;
    private final List<TrainingExample> examples = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();
    private int skipped;
    private List<String> header;
    private Boolean negatives;
    private int targetLength = -1;

    Reader(String source, LossKind loss, boolean jsonl) {
      this.source = source;
      this.loss = loss;
      this.jsonl = jsonl;
    }

    void readAll(BufferedReader reader) throws IOException {
      int lineNumber = 0;
      while (true) {
        String line;
        try {
          line = reader.readLine();
        } catch (CharacterCodingException e) {
          throw new IOException(source + ":" + (lineNumber + 1) + ": not valid UTF-8", e);
        }
        if (line == null) {
          return;
        }
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        if (!jsonl && header == null) {
          header = Arrays.asList(line.split("\t", -1));
          checkHeader(lineNumber);
          continue;
        }
        try {
          TrainingExample example = jsonl ? fromJson(line) : fromTsv(line);
          checkConsistent(example);
          examples.add(example);
        } catch (BadRow e) {
          skipped++;
          if (reasons.size() < KEPT_REASONS) {
            reasons.add(source + ":" + lineNumber + ": " + e.getMessage());
          }
        }
      }
    }

    private void checkHeader(int lineNumber) throws IOException {
      for (String required : required()) {
        if (!header.contains(required)) {
          throw new IOException(
              source
                  + ":"
                  + lineNumber
                  + ": the header has no '"
                  + required
                  + "' column (columns: "
                  + String.join(", ", header)
                  + ")");
        }
      }
      negatives = loss == LossKind.MNRL && header.contains("negative");
    }

    private List<String> required() {
      return loss == LossKind.MNRL ? List.of("anchor", "positive") : List.of("anchor", "target");
    }

    private TrainingExample fromTsv(String line) throws BadRow {
      String[] columns = line.split("\t", -1);
      if (columns.length != header.size()) {
        throw new BadRow(
            "expected " + header.size() + " tab-separated columns, got " + columns.length);
      }
      return example(
          columns[header.indexOf("anchor")],
          column(columns, "positive"),
          column(columns, "negative"),
          column(columns, "target"));
    }

    private String column(String[] columns, String name) {
      int i = header.indexOf(name);
      return i < 0 ? null : columns[i];
    }

    private TrainingExample fromJson(String line) throws BadRow {
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        throw new BadRow("not valid JSON");
      }
      if (node == null || !node.isObject()) {
        throw new BadRow("not a JSON object");
      }
      String target = null;
      if (loss == LossKind.MSE) {
        JsonNode t = node.get("target");
        if (t == null || !t.isArray()) {
          throw new BadRow("'target' is not an array of numbers");
        }
        target = t.toString();
      }
      return example(text(node, "anchor"), text(node, "positive"), text(node, "negative"), target);
    }

    private static String text(JsonNode node, String field) throws BadRow {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isTextual()) {
        throw new BadRow("'" + field + "' is not a string");
      }
      return value.asText();
    }

    private TrainingExample example(String anchor, String positive, String negative, String target)
        throws BadRow {
      requireText("anchor", anchor);
      if (loss == LossKind.MSE) {
        float[] vector;
        try {
          vector = parseVector(target == null ? "" : target);
        } catch (NumberFormatException e) {
          throw new BadRow("'target' is not a vector of numbers (" + e.getMessage() + ")");
        }
        return new TrainingExample(anchor, null, null, vector);
      }
      requireText("positive", positive);
      if (negative != null) {
        requireText("negative", negative);
      }
      return new TrainingExample(anchor, positive, negative, null);
    }

    private static void requireText(String field, String value) throws BadRow {
      if (value == null || value.isBlank()) {
        throw new BadRow("'" + field + "' is missing or empty");
      }
    }

    /** Every example must have a negative iff the others do, and targets one length. */
    private void checkConsistent(TrainingExample example) throws BadRow {
      if (loss == LossKind.MNRL) {
        boolean has = example.negative() != null;
        if (negatives == null) {
          negatives = has;
        } else if (negatives != has) {
          throw new BadRow(
              negatives ? "'negative' is missing (other rows have one)" : "unexpected 'negative'");
        }
      } else {
        int length = example.target().length;
        if (targetLength < 0) {
          targetLength = length;
        } else if (length != targetLength) {
          throw new BadRow(
              "'target' has " + length + " values, the first row's has " + targetLength);
        }
      }
    }

    TrainingData result() throws IOException {
      if (examples.isEmpty()) {
        String why = reasons.isEmpty() ? "" : " (first problem: " + reasons.get(0) + ")";
        throw new IOException(source + ": no usable training rows" + why);
      }
      return new TrainingData(examples, skipped, reasons, Boolean.TRUE.equals(negatives));
    }
  }
}
