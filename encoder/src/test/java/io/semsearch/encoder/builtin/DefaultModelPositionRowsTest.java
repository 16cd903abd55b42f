package io.semsearch.encoder.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.testing.SafetensorsFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Position-embedding rows 128-255 of the imported default model, compared bit for bit with the ONNX
 * file's initializer. Rows past 128 are only reached by long inputs, so a slicing or offset bug in
 * the import that keeps the first rows right would go unseen by short-sentence fidelity checks.
 *
 * <p>Both sides are read without production code: the ONNX initializer by the small protobuf scan
 * below (written from the ONNX schema), the import by the test-jar's {@link SafetensorsFile}.
 */
class DefaultModelPositionRowsTest {

  private static final String NAME = "embeddings.position_embeddings.weight";
  private static final int HIDDEN = 384;
  private static final int FIRST_ROW = 128;
  private static final int END_ROW = 256;

  /** ONNX TensorProto.DataType FLOAT. */
  private static final long ONNX_FLOAT = 1;

  @TempDir Path cache;

  @Test
  void positionRows128To255AreTheOnnxInitializerBitForBit() throws IOException {
    byte[] onnx;
    try (InputStream in =
        DefaultModelPositionRowsTest.class
            .getClassLoader()
            .getResourceAsStream(DefaultModel.ONNX_RESOURCE)) {
      assertThat(in).as("classpath resource %s", DefaultModel.ONNX_RESOURCE).isNotNull();
      onnx = in.readAllBytes();
    }
    OnnxInitializer initializer = OnnxScan.initializer(onnx, NAME);
    assertThat(initializer.dataType()).as("%s data_type", NAME).isEqualTo(ONNX_FLOAT);
    assertThat(initializer.dims()).as("%s dims", NAME).containsExactly(512L, (long) HIDDEN);
    assertThat(initializer.rawLength()).as("%s raw_data length", NAME).isEqualTo(512 * HIDDEN * 4);

    Path folder = DefaultModel.ensureImported(cache);
    SafetensorsFile.Entry imported =
        SafetensorsFile.read(folder.resolve("model.safetensors")).get(NAME);
    assertThat(imported).as("%s in model.safetensors", NAME).isNotNull();
    assertThat(imported.dtype()).isEqualTo("F32");
    assertThat(imported.shape()).containsExactly(512L, (long) HIDDEN);

    for (int row = FIRST_ROW; row < END_ROW; row++) {
      for (int col = 0; col < HIDDEN; col++) {
        int index = row * HIDDEN + col;
        int expected = initializer.floatBits(onnx, index);
        int actual = Float.floatToRawIntBits(imported.values()[index]);
        if (actual != expected) {
          assertThat(Integer.toHexString(actual))
              .as("%s[%d][%d] (bits of the import vs the ONNX raw_data)", NAME, row, col)
              .isEqualTo(Integer.toHexString(expected));
        }
      }
    }
  }

  /** Where one initializer's raw data lies in the ONNX file. */
  record OnnxInitializer(long[] dims, long dataType, int rawOffset, int rawLength) {

    /** The little-endian float32 bits of element {@code index} of the raw data. */
    int floatBits(byte[] file, int index) {
      int at = rawOffset + index * 4;
      return (file[at] & 0xff)
          | (file[at + 1] & 0xff) << 8
          | (file[at + 2] & 0xff) << 16
          | (file[at + 3] & 0xff) << 24;
    }
  }

  /**
   * The least of a protobuf reader needed to find an initializer: ModelProto field 7 is the graph
   * (GraphProto), GraphProto field 5 the initializers (TensorProto), and in a TensorProto field 1
   * is dims (packed or not), 2 data_type, 8 name, 9 raw_data. Wire types: 0 varint, 1 fixed64, 2
   * length-delimited, 5 fixed32.
   */
  static final class OnnxScan {

    private final byte[] bytes;
    private int pos;
    private final int end;

    private OnnxScan(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.pos = start;
      this.end = end;
    }

    static OnnxInitializer initializer(byte[] file, String name) throws IOException {
      OnnxScan model = new OnnxScan(file, 0, file.length);
      while (model.pos < model.end) {
        long key = model.varint();
        if (key == (7 << 3 | 2)) {
          int length = (int) model.varint();
          OnnxScan graph = new OnnxScan(file, model.pos, model.pos + length);
          model.pos += length;
          while (graph.pos < graph.end) {
            long graphKey = graph.varint();
            if (graphKey == (5 << 3 | 2)) {
              int tensorLength = (int) graph.varint();
              OnnxInitializer found = tensor(file, graph.pos, graph.pos + tensorLength, name);
              graph.pos += tensorLength;
              if (found != null) {
                return found;
              }
            } else {
              graph.skip(graphKey);
            }
          }
        } else {
          model.skip(key);
        }
      }
      throw new IOException("no initializer named " + name + " in the ONNX graph");
    }

    /** The initializer in bytes [start, end) if it is named {@code name}, else null. */
    private static OnnxInitializer tensor(byte[] file, int start, int end, String name)
        throws IOException {
      OnnxScan t = new OnnxScan(file, start, end);
      long[] dims = new long[0];
      long dataType = -1;
      String tensorName = null;
      int rawOffset = -1;
      int rawLength = -1;
      while (t.pos < t.end) {
        long key = t.varint();
        int field = (int) (key >>> 3);
        int wire = (int) (key & 7);
        if (field == 1 && wire == 0) {
          dims = append(dims, t.varint());
        } else if (field == 1 && wire == 2) {
          int packed = (int) t.varint();
          int stop = t.pos + packed;
          while (t.pos < stop) {
            dims = append(dims, t.varint());
          }
        } else if (field == 2 && wire == 0) {
          dataType = t.varint();
        } else if (field == 8 && wire == 2) {
          int length = (int) t.varint();
          tensorName = new String(file, t.pos, length, StandardCharsets.UTF_8);
          t.pos += length;
        } else if (field == 9 && wire == 2) {
          rawLength = (int) t.varint();
          rawOffset = t.pos;
          t.pos += rawLength;
        } else {
          t.skip(key);
        }
      }
      if (!name.equals(tensorName)) {
        return null;
      }
      if (rawOffset < 0) {
        throw new IOException(name + ": initializer has no raw_data");
      }
      return new OnnxInitializer(dims, dataType, rawOffset, rawLength);
    }

    private static long[] append(long[] values, long value) {
      long[] longer = Arrays.copyOf(values, values.length + 1);
      longer[values.length] = value;
      return longer;
    }

    private long varint() throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new IOException("varint runs past its message at byte " + pos);
        }
        byte b = bytes[pos++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IOException("varint longer than 10 bytes at byte " + pos);
    }

    private void skip(long key) throws IOException {
      switch ((int) (key & 7)) {
        case 0 -> varint();
        case 1 -> pos += 8;
        case 2 -> {
          int length = (int) varint(); // read first: pos += varint() would add to the old pos
          pos += length;
        }
        case 5 -> pos += 4;
        default -> throw new IOException("wire type " + (key & 7) + " at byte " + pos);
      }
      if (pos > end) {
        throw new IOException("field runs past its message: " + pos + " > " + end);
      }
    }
  }
}
