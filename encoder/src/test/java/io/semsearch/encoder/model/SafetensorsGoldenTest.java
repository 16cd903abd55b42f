package io.semsearch.encoder.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.testing.SafetensorsFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safetensors files whose bytes are laid out here by hand, and whose expected values are worked out
 * by hand from the bit patterns, read by the production {@link Safetensors} and by the references'
 * {@link SafetensorsFile}: neither reader nor the production writer makes the fixtures.
 */
class SafetensorsGoldenTest {

  @TempDir Path dir;

  /** F16 bit patterns and their values, worked out from sign | 5-bit exponent | 10-bit fraction. */
  private static final int[] F16_BITS = {
    0x3C00, // exponent 15 - 15 = 0, fraction 0: 1.0
    0xC100, // sign, exponent 16 - 15 = 1, fraction 0x100 = 1/4: -(1 + 1/4) * 2 = -2.5
    0x7BFF, // exponent 30 - 15 = 15, fraction 1023/1024: (2 - 1/1024) * 2^15 = 65504, the largest
    0x3555, // exponent 13 - 15 = -2, fraction 341/1024: 1365/4096 = 0.333251953125
    0x0400, // exponent 1 - 15 = -14, fraction 0: 2^-14, the smallest normal
    0x03FF, // exponent 0, subnormal: 1023 * 2^-24
    0x0001, // exponent 0, subnormal: 2^-24, the smallest
    0x8000, // sign alone: -0.0
    0x7C00, // exponent 31, fraction 0: +infinity
    0xFC00, // -infinity
  };

  private static final float[] F16_VALUES = {
    1.0f,
    -2.5f,
    65504f,
    0.333251953125f,
    0x1p-14f,
    1023 * 0x1p-24f,
    0x1p-24f,
    -0.0f,
    Float.POSITIVE_INFINITY,
    Float.NEGATIVE_INFINITY,
  };

  /**
   * BF16 bit patterns: the upper half of a float32 (sign | 8-bit exponent | 7-bit fraction), so
   * each value is the float32 whose lower 16 bits are zero.
   */
  private static final int[] BF16_BITS = {
    0x3F80, // exponent 127 - 127 = 0: 1.0
    0xC020, // sign, exponent 1, fraction 0x20 = 1/4: -2.5
    0x4049, // pi (float32 0x40490FDB) truncated: exponent 1, fraction 0x49 = 73/128: 3.140625
    0x3EAA, // 1/3 (float32 0x3EAAAAAB) truncated: exponent -2, fraction 42/128: 0.33203125
    0x7F7F, // exponent 254 - 127 = 127, fraction 127/128: (2 - 1/128) * 2^127, the largest
    0x0001, // exponent 0, subnormal: 2^-126 * 1/128 = 2^-133
    0x8000, // -0.0
    0xFF80, // -infinity
  };

  private static final float[] BF16_VALUES = {
    1.0f,
    -2.5f,
    3.140625f,
    0.33203125f,
    (2 - 0x1p-7f) * 0x1p127f,
    0x1p-133f,
    -0.0f,
    Float.NEGATIVE_INFINITY,
  };

  @Test
  void f32TensorsWrittenByHandReadBackBitForBit() throws IOException {
    Random random = new Random(7);
    float[] matrix = new float[3 * 5];
    for (int i = 0; i < matrix.length; i++) {
      matrix[i] = (float) random.nextGaussian();
    }
    float[] edges = {0f, -0.0f, Float.MIN_VALUE, -Float.MAX_VALUE, 1e-40f, 123456.789f};
    byte[] first = new byte[4 * matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      putLittleEndian(first, 4 * i, Float.floatToRawIntBits(matrix[i]), 4);
    }
    byte[] second = new byte[4 * edges.length];
    for (int i = 0; i < edges.length; i++) {
      putLittleEndian(second, 4 * i, Float.floatToRawIntBits(edges[i]), 4);
    }
    // the second tensor's bytes come first in the data: offsets, not order, place a tensor
    Path file =
        write(
            "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"layer.weight\":{\"dtype\":\"F32\",\"shape\":[3,5],\"data_offsets\":[24,84]},"
                + "\"edges\":{\"dtype\":\"F32\",\"shape\":[6],\"data_offsets\":[0,24]}}",
            second,
            first);

    Map<String, Tensor> read = Safetensors.read(file);
    assertThat(read.keySet()).containsExactly("layer.weight", "edges");
    assertThat(read.get("layer.weight").shape()).containsExactly(3, 5);
    assertBits(read.get("layer.weight").data(), matrix);
    assertThat(read.get("edges").shape()).containsExactly(6);
    assertBits(read.get("edges").data(), edges);

    Map<String, SafetensorsFile.Entry> reference = SafetensorsFile.read(file);
    assertBits(reference.get("layer.weight").values(), matrix);
    assertBits(reference.get("edges").values(), edges);
  }

  @Test
  void f16DecodesToHandComputedValues() throws IOException {
    Path file = halfWidthFile("F16", F16_BITS, 0x7E00);
    assertDecodes(Safetensors.read(file).get("t").data(), F16_VALUES);
    assertDecodes(SafetensorsFile.read(file).get("t").values(), F16_VALUES);
  }

  @Test
  void bf16DecodesToHandComputedValues() throws IOException {
    Path file = halfWidthFile("BF16", BF16_BITS, 0x7FC0);
    assertDecodes(Safetensors.read(file).get("t").data(), BF16_VALUES);
    assertDecodes(SafetensorsFile.read(file).get("t").values(), BF16_VALUES);
  }

  @Test
  void f64NarrowsToTheNearestFloat() throws IOException {
    long[] bits = {
      0x3FF0000000000000L, // 1.0
      0xC004000000000000L, // sign, exponent 1, fraction 1/4: -2.5
      0x3FB999999999999AL, // the double nearest 0.1, whose nearest float is 0.1f
      0x0000000000000001L, // 2^-1074, far below the smallest float: 0
    };
    float[] expected = {1.0f, -2.5f, 0.1f, 0f};
    byte[] data = new byte[8 * bits.length];
    for (int i = 0; i < bits.length; i++) {
      putLittleEndian(data, 8 * i, bits[i], 8);
    }
    Path file = write("{\"t\":{\"dtype\":\"F64\",\"shape\":[4],\"data_offsets\":[0,32]}}", data);
    assertBits(Safetensors.read(file).get("t").data(), expected);
    assertBits(SafetensorsFile.read(file).get("t").values(), expected);
  }

  /** A file with one 1-D tensor {@code t} of the given 16-bit patterns, then one NaN pattern. */
  private Path halfWidthFile(String dtype, int[] bits, int nan) throws IOException {
    byte[] data = new byte[2 * (bits.length + 1)];
    for (int i = 0; i < bits.length; i++) {
      putLittleEndian(data, 2 * i, bits[i], 2);
    }
    putLittleEndian(data, 2 * bits.length, nan, 2);
    return write(
        "{\"t\":{\"dtype\":\""
            + dtype
            + "\",\"shape\":["
            + (bits.length + 1)
            + "],\"data_offsets\":[0,"
            + data.length
            + "]}}",
        data);
  }

  /** The NaN written last, then every other value bit for bit. */
  private static void assertDecodes(float[] actual, float[] expected) {
    assertThat(actual).hasSize(expected.length + 1);
    assertThat(Float.isNaN(actual[expected.length])).as("the NaN pattern").isTrue();
    assertBits(Arrays.copyOf(actual, expected.length), expected);
  }

  private static void assertBits(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(Float.floatToRawIntBits(actual[i]))
          .as("value %d: %s, expected %s", i, actual[i], expected[i])
          .isEqualTo(Float.floatToRawIntBits(expected[i]));
    }
  }

  /**
   * The smallest writer the format allows: the header's length as 8 little-endian bytes, the
   * header, then the data blocks as given.
   */
  private Path write(String header, byte[]... data) throws IOException {
    byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
    byte[] length = new byte[8];
    putLittleEndian(length, 0, headerBytes.length, 8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(length);
    out.write(headerBytes);
    for (byte[] block : data) {
      out.write(block);
    }
    Path file = dir.resolve("golden-" + Math.abs(header.hashCode()) + ".safetensors");
    Files.write(file, out.toByteArray());
    return file;
  }

  private static void putLittleEndian(byte[] bytes, int offset, long value, int width) {
    for (int i = 0; i < width; i++) {
      bytes[offset + i] = (byte) (value >>> (8 * i));
    }
  }
}
