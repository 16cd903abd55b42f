package io.semsearch.encoder.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtobufReaderTest {

  @Test
  void varintsOfOneToTenBytesDecode() throws Exception {
    // 300 = 0b1_0010_1100 -> low 7 bits 0x2c with the continuation bit (0xac), then 0x02.
    assertThat(ProtoBytes.rawVarint(300)).containsExactly(0xac, 0x02);
    ProtobufReader r =
        new ProtobufReader(
            new ProtoBytes()
                .varint(1, 1)
                .varint(2, 300)
                .varint(3, -1) // int64 -1: ten bytes, 0xff x9 then 0x01
                .varint(4, -300)
                .varint(5, Long.MAX_VALUE)
                .varint(6, Long.MIN_VALUE)
                .toBuffer());

    List<Long> values = new ArrayList<>();
    while (r.hasRemaining()) {
      r.nextField();
      assertThat(r.wireType()).isEqualTo(ProtobufReader.VARINT);
      values.add(r.readVarint());
    }

    assertThat(values).containsExactly(1L, 300L, -1L, -300L, Long.MAX_VALUE, Long.MIN_VALUE);
    assertThat(ProtoBytes.rawVarint(-1)).hasSize(10);
  }

  @Test
  void fieldNumbersAboveFifteenUseMultiByteKeys() throws Exception {
    ProtobufReader r = new ProtobufReader(new ProtoBytes().varint(1000, 7).toBuffer());

    assertThat(r.nextField()).isEqualTo(1000);
    assertThat(r.readVarint()).isEqualTo(7);
  }

  @Test
  void fixedWidthStringsAndNestedMessagesDecode() throws Exception {
    ProtobufReader r =
        new ProtobufReader(
            new ProtoBytes()
                .fixed32(1, Float.floatToIntBits(1.5f))
                .fixed64(2, Double.doubleToLongBits(-2.25))
                .string(3, "größe")
                .message(4, new ProtoBytes().varint(1, 42).string(2, "inner"))
                .toBuffer());

    assertThat(r.nextField()).isEqualTo(1);
    assertThat(r.readFloat()).isEqualTo(1.5f);
    assertThat(r.nextField()).isEqualTo(2);
    assertThat(Double.longBitsToDouble(r.readFixed64())).isEqualTo(-2.25);
    assertThat(r.nextField()).isEqualTo(3);
    assertThat(r.readString()).isEqualTo("größe");
    assertThat(r.nextField()).isEqualTo(4);
    ProtobufReader inner = r.readMessage();
    assertThat(r.hasRemaining()).isFalse();
    assertThat(inner.nextField()).isEqualTo(1);
    assertThat(inner.readVarint()).isEqualTo(42);
    assertThat(inner.nextField()).isEqualTo(2);
    assertThat(inner.readString()).isEqualTo("inner");
    assertThat(inner.hasRemaining()).isFalse();
  }

  @Test
  void packedFloatsAreALittleEndianView() throws Exception {
    ProtobufReader r =
        new ProtobufReader(new ProtoBytes().packedFloats(4, 1f, -0.5f, 3e-8f).toBuffer());

    r.nextField();
    ByteBuffer packed = r.readBytes();
    float[] values = new float[packed.remaining() / 4];
    packed.asFloatBuffer().get(values);

    assertThat(values).containsExactly(1f, -0.5f, 3e-8f);
  }

  @Test
  void repeatedVarintsReadPackedAndUnpacked() throws Exception {
    ProtobufReader r =
        new ProtobufReader(
            new ProtoBytes().packedVarints(1, 30522, 384, -1).varint(1, 7).toBuffer());
    List<Long> values = new ArrayList<>();

    while (r.hasRemaining()) {
      r.nextField();
      r.readVarints(values::add);
    }

    assertThat(values).containsExactly(30522L, 384L, -1L, 7L);
  }

  @Test
  void unknownFieldsOfEveryWireTypeAreSkipped() throws Exception {
    ProtobufReader r =
        new ProtobufReader(
            new ProtoBytes()
                .varint(90, -5)
                .fixed64(91, 123)
                .string(92, "ignored")
                .message(93, new ProtoBytes().varint(1, 1).fixed32(2, 9))
                .fixed32(94, 77)
                .varint(5, 55)
                .toBuffer());
    long wanted = -1;

    while (r.hasRemaining()) {
      if (r.nextField() == 5) {
        wanted = r.readVarint();
      } else {
        r.skip();
      }
    }

    assertThat(wanted).isEqualTo(55);
  }

  @Test
  void offsetsOfNestedReadersCountFromTheOuterMessage() throws Exception {
    byte[] bytes =
        new ProtoBytes().varint(1, 1).message(2, new ProtoBytes().varint(1, 300)).toByteArray();
    ProtobufReader r = new ProtobufReader(ByteBuffer.wrap(bytes));
    r.nextField();
    r.readVarint();
    r.nextField();

    ProtobufReader inner = r.readMessage();

    // outer: key(1) value(1) key(1) length(1) -> the inner message starts at byte 4.
    assertThat(inner.offset()).isEqualTo(4);
    assertThat(r.offset()).isEqualTo(bytes.length);
  }

  @Test
  void truncatedVarintIsReported() {
    ProtobufReader r = new ProtobufReader(ByteBuffer.wrap(new byte[] {0x08, (byte) 0x80}));

    assertThatThrownBy(
            () -> {
              r.nextField();
              r.readVarint();
            })
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("truncated varint at byte 1");
  }

  @Test
  void varintOfElevenBytesIsRefused() {
    byte[] bytes = new byte[12];
    bytes[0] = 0x08;
    Arrays.fill(bytes, 1, 12, (byte) 0xff);
    ProtobufReader r = new ProtobufReader(ByteBuffer.wrap(bytes));

    assertThatThrownBy(
            () -> {
              r.nextField();
              r.readVarint();
            })
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("longer than 10 bytes");
  }

  @Test
  void lengthPastTheEndIsReported() {
    byte[] bytes = new ProtoBytes().raw(new byte[] {0x12, 0x05, 'a', 'b'}).toByteArray();
    ProtobufReader r = new ProtobufReader(ByteBuffer.wrap(bytes));

    assertThatThrownBy(
            () -> {
              r.nextField();
              r.readString();
            })
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("length 5 at byte 1 runs past the end");
  }

  @Test
  void groupsAndFieldZeroAreRefused() {
    assertThatThrownBy(() -> new ProtobufReader(ByteBuffer.wrap(new byte[] {0x0b})).nextField())
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("wire type 3");
    assertThatThrownBy(() -> new ProtobufReader(ByteBuffer.wrap(new byte[] {0x00})).nextField())
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("field number 0");
  }

  @Test
  void readingTheWrongWireTypeIsReported() throws Exception {
    ProtobufReader r = new ProtobufReader(new ProtoBytes().varint(3, 1).toBuffer());
    r.nextField();

    assertThatThrownBy(r::readString)
        .isInstanceOf(ProtobufException.class)
        .hasMessageContaining("field 3 has wire type 0 but wire type 2 was expected");
  }
}
