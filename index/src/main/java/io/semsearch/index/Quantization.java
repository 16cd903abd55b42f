package io.semsearch.index;

import java.util.Locale;

/** How passage vectors are stored in the HNSW index. */
public enum Quantization {
  /** Full float32 vectors. */
  NONE,
  /** One unsigned byte per dimension (Lucene104 scalar quantization). */
  INT8,
  /** Four bits per dimension (Lucene104 scalar quantization, packed nibbles). */
  INT4,
  /** One bit per dimension, queries at four bits (Lucene104 scalar quantization). */
  BINARY;

  /** Parses {@code none}, {@code int8}, {@code int4} or {@code binary}, case-insensitively. */
  public static Quantization parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "quantization must be one of none, int8, int4, binary, got: " + value, e);
    }
  }

  /** The lower-case name used on the command line and in index metadata. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
