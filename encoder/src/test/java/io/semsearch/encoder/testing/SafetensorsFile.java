package io.semsearch.encoder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A safetensors reader for the test references, written from the format's description and sharing
 * no code with the production reader, so that a decoding bug there can't hide in the reference.
 *
 * <p>The format: bytes 0-7 hold the header's length N as an unsigned little-endian 64-bit integer;
 * bytes 8 to 8+N hold a UTF-8 JSON object mapping each tensor name to its {@code dtype}, {@code
 * shape} and {@code data_offsets} [begin, end) (relative to the end of the header), plus an
 * optional {@code __metadata__} entry; then the data, each value little-endian. The decoding of
 * each dtype is done here bit by bit, as IEEE 754 and bfloat16 define it:
 *
 * <ul>
 *   <li>F32 and F64: sign, exponent and fraction taken apart and put back together with {@link
 *       Math#scalb}, not by reinterpreting the bits;
 *   <li>F16: 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits; exponent 0 is a subnormal
 *       {@code fraction * 2^-24}, exponent 31 is infinity or NaN;
 *   <li>BF16: the upper 16 bits of a float32, so 1 sign bit, 8 exponent bits (bias 127), 7 fraction
 *       bits.
 * </ul>
 *
 * <p>Reads the whole file into memory: fine for test models.
 */
public final class SafetensorsFile {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One tensor: its dtype as written, shape and values widened to float. */
  public record Entry(String dtype, long[] shape, float[] values) {}

  private SafetensorsFile() {}

  /**
   * Every tensor of {@code file}, in header order.
   *
   * @throws IOException if the file can't be read or does not follow the format, naming the file
   */
  public static Map<String, Entry> read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length < 8) {
      throw new IOException(file + ": " + bytes.length + " bytes, shorter than the length field");
    }
    long headerLength = littleEndian(bytes, 0, 8);
    if (headerLength < 2 || headerLength > bytes.length - 8) {
      throw new IOException(file + ": header length " + headerLength + " of " + bytes.length);
    }
    JsonNode header =
        JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
    int dataStart = 8 + (int) headerLength;
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getKey().equals("__metadata__")) {
        entries.put(
            field.getKey(), entry(file, field.getKey(), field.getValue(), bytes, dataStart));
      }
    }
    return entries;
  }

  private static Entry entry(Path file, String name, JsonNode info, byte[] bytes, int dataStart)
      throws IOException {
    String dtype = info.get("dtype").asText();
    long[] shape = new long[info.get("shape").size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = info.get("shape").get(i).asLong();
      count *= shape[i];
    }
    int width =
        switch (dtype) {
          case "F64" -> 8;
          case "F32" -> 4;
          case "F16", "BF16" -> 2;
          default -> throw new IOException(file + ": " + name + " has dtype " + dtype);
        };
    long begin = dataStart + info.get("data_offsets").get(0).asLong();
    long end = dataStart + info.get("data_offsets").get(1).asLong();
    if (end - begin != count * width || end > bytes.length) {
      throw new IOException(file + ": " + name + " has " + (end - begin) + " bytes for " + count);
    }
    float[] values = new float[(int) count];
    for (int i = 0; i < values.length; i++) {
      long bits = littleEndian(bytes, (int) begin + i * width, width);
      values[i] =
          switch (dtype) {
            case "F64" -> (float) decode(bits, 11, 52);
            case "F32" -> (float) decode(bits, 8, 23);
            case "F16" -> (float) decode(bits, 5, 10);
            default -> (float) decode(bits << 16, 8, 23);
          };
    }
    return new Entry(dtype, shape, values);
  }

  /** An unsigned little-endian integer of {@code width} bytes at {@code offset}. */
  static long littleEndian(byte[] bytes, int offset, int width) {
    long value = 0;
    for (int i = width - 1; i >= 0; i--) {
      value = (value << 8) | (bytes[offset + i] & 0xff);
    }
    return value;
  }

  /**
   * The value of an IEEE 754 binary number: {@code exponentBits} exponent bits and {@code
   * fractionBits} fraction bits under one sign bit, in the low bits of {@code bits}.
   */
  static double decode(long bits, int exponentBits, int fractionBits) {
    boolean negative = ((bits >>> (exponentBits + fractionBits)) & 1) == 1;
    long maxExponent = (1L << exponentBits) - 1;
    long exponent = (bits >>> fractionBits) & maxExponent;
    long fraction = bits & ((1L << fractionBits) - 1);
    int bias = (int) (maxExponent >> 1);
    double magnitude;
    if (exponent == maxExponent) {
      magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    } else if (exponent == 0) {
      magnitude = Math.scalb((double) fraction, 1 - bias - fractionBits);
    } else {
      magnitude =
          Math.scalb(
              (double) (fraction | (1L << fractionBits)), (int) exponent - bias - fractionBits);
    }
    return negative ? -magnitude : magnitude;
  }
}
