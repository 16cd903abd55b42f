package io.semsearch.encoder.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxReaderTest {

  @TempDir Path dir;

  /** A model with every kind of tensor data and unknown fields at each level. */
  private static byte[] model() {
    ProtoBytes graph =
        new ProtoBytes()
            .string(2, "g")
            .message(
                1,
                new ProtoBytes()
                    .string(1, "x")
                    .string(1, "onnx::MatMul_1")
                    .string(2, "y")
                    .string(3, "/dense/MatMul")
                    .string(4, "MatMul")
                    .message(
                        5,
                        new ProtoBytes()
                            .string(1, "alpha")
                            .fixed32(2, Float.floatToIntBits(0.5f))) // attribute
                    .string(7, "")) // domain
            .message(11, new ProtoBytes().string(1, "x")) // graph input
            .message(
                5,
                new ProtoBytes() // raw_data
                    .packedVarints(1, 2, 3)
                    .varint(2, 1)
                    .string(8, "onnx::MatMul_1")
                    .bytes(9, ProtoBytes.floatBytes(1, 2, 3, 4, 5, 6)))
            .message(
                5,
                new ProtoBytes() // packed float_data, dims unpacked
                    .varint(1, 2)
                    .varint(2, 1)
                    .packedFloats(4, 0.25f, -8f)
                    .string(8, "dense.bias")
                    .string(12, "doc string"))
            .message(
                5,
                new ProtoBytes() // unpacked float_data
                    .varint(1, 3)
                    .varint(2, 1)
                    .fixed32(4, Float.floatToIntBits(1f))
                    .fixed32(4, Float.floatToIntBits(2f))
                    .fixed32(4, Float.floatToIntBits(3f))
                    .string(8, "scale"))
            .message(
                5,
                new ProtoBytes() // int64_data
                    .packedVarints(1, 1, 3)
                    .varint(2, 7)
                    .packedVarints(7, 0, 1, -2)
                    .string(8, "position_ids"))
            .message(
                5,
                new ProtoBytes() // external
                    .varint(1, 2)
                    .varint(2, 1)
                    .string(8, "far")
                    .varint(14, 1))
            .fixed64(99, 12345);
    return new ProtoBytes()
        .varint(1, 8)
        .string(2, "pytorch")
        .string(3, "2.0.1")
        .message(8, new ProtoBytes().string(1, "").varint(2, 14)) // opset_import
        .message(7, graph)
        .message(14, new ProtoBytes().string(1, "k").string(2, "v")) // metadata_props
        .toByteArray();
  }

  @Test
  void readsNodesAndInitializersAndSkipsTheRest() throws Exception {
    OnnxModel model = OnnxReader.parse(ByteBuffer.wrap(model()), "m.onnx");

    assertThat(model.producer()).isEqualTo("pytorch 2.0.1");
    assertThat(model.nodes())
        .containsExactly(
            new OnnxNode("/dense/MatMul", "MatMul", List.of("x", "onnx::MatMul_1"), List.of("y")));
    assertThat(model.initializers().keySet())
        .containsExactly("onnx::MatMul_1", "dense.bias", "scale", "position_ids", "far");
    assertThat(model.initializers().get("position_ids").dims()).containsExactly(1, 3);
    assertThat(model.initializers().get("position_ids").dataTypeName()).isEqualTo("INT64");
  }

  @Test
  void decodesRawPackedAndUnpackedFloats() throws Exception {
    OnnxModel model = OnnxReader.parse(ByteBuffer.wrap(model()), "m.onnx");

    Tensor raw = model.initializers().get("onnx::MatMul_1").toTensor();
    assertThat(raw.shape()).containsExactly(2, 3);
    assertThat(raw.data()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(model.initializers().get("dense.bias").toTensor().data())
        .containsExactly(0.25f, -8f);
    assertThat(model.initializers().get("scale").toTensor().data()).containsExactly(1f, 2f, 3f);
  }

  @Test
  void refusesToDecodeOtherDataTypesNamingTheTensor() throws Exception {
    OnnxModel model = OnnxReader.parse(ByteBuffer.wrap(model()), "m.onnx");

    assertThatThrownBy(() -> model.initializers().get("position_ids").toTensor())
        .isInstanceOf(ModelFormatException.class)
        .hasMessage("tensor position_ids has data type INT64 (7); only FLOAT (1) is supported");
    assertThatThrownBy(() -> model.initializers().get("far").toTensor())
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("tensor far keeps its data in an external file");
  }

  @Test
  void rawDataOfTheWrongLengthIsReported() throws Exception {
    byte[] bytes =
        new ProtoBytes()
            .message(
                7,
                new ProtoBytes()
                    .message(
                        5,
                        new ProtoBytes()
                            .packedVarints(1, 2, 2)
                            .varint(2, 1)
                            .string(8, "w")
                            .bytes(9, ProtoBytes.floatBytes(1, 2, 3))))
            .toByteArray();
    OnnxModel model = OnnxReader.parse(ByteBuffer.wrap(bytes), "m.onnx");

    assertThatThrownBy(() -> model.initializers().get("w").toTensor())
        .isInstanceOf(ModelFormatException.class)
        .hasMessage("tensor w has dims [2, 2] (4 floats) but 12 bytes of raw_data");
  }

  @Test
  void readsAFileTheSameAsABuffer() throws Exception {
    Path file = dir.resolve("m.onnx");
    Files.write(file, model());

    OnnxModel model = OnnxReader.read(file);

    assertThat(model.source()).isEqualTo(file.toString());
    assertThat(model.initializers().get("onnx::MatMul_1").toTensor().data())
        .containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void corruptBytesAreReportedWithTheSource() {
    byte[] bytes = Arrays.copyOf(model(), 40);

    assertThatThrownBy(() -> OnnxReader.parse(ByteBuffer.wrap(bytes), "broken.onnx"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith("broken.onnx: not a valid ONNX file (")
        .hasCauseInstanceOf(ProtobufException.class);
  }

  @Test
  void aFileWithoutAGraphIsNotAModel() {
    byte[] bytes = new ProtoBytes().varint(1, 8).toByteArray();

    assertThatThrownBy(() -> OnnxReader.parse(ByteBuffer.wrap(bytes), "empty.onnx"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage("empty.onnx: not an ONNX model (no graph)");
  }
}
