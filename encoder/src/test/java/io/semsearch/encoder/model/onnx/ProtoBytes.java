package io.semsearch.encoder.model.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds protocol buffers wire-format bytes by hand, for tests of the readers. */
final class ProtoBytes {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtoBytes varint(int field, long value) {
    tag(field, ProtobufReader.VARINT);
    return raw(rawVarint(value));
  }

  ProtoBytes fixed32(int field, int bits) {
    tag(field, ProtobufReader.FIXED32);
    return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bits).array());
  }

  ProtoBytes fixed64(int field, long bits) {
    tag(field, ProtobufReader.FIXED64);
    return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bits).array());
  }

  ProtoBytes bytes(int field, byte[] value) {
    tag(field, ProtobufReader.LENGTH_DELIMITED);
    raw(rawVarint(value.length));
    return raw(value);
  }

  ProtoBytes string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoBytes message(int field, ProtoBytes message) {
    return bytes(field, message.toByteArray());
  }

  ProtoBytes packedFloats(int field, float... values) {
    return bytes(field, floatBytes(values));
  }

  ProtoBytes packedVarints(int field, long... values) {
    ByteArrayOutputStream packed = new ByteArrayOutputStream();
    for (long v : values) {
      packed.writeBytes(rawVarint(v));
    }
    return bytes(field, packed.toByteArray());
  }

  /** Appends bytes as they are, e.g. a malformed tail. */
  ProtoBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  ByteBuffer toBuffer() {
    return ByteBuffer.wrap(toByteArray());
  }

  private void tag(int field, int wireType) {
    raw(rawVarint(((long) field << 3) | wireType));
  }

  static byte[] floatBytes(float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return b.array();
  }

  static byte[] rawVarint(long value) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    long v = value;
    while ((v & ~0x7fL) != 0) {
      b.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    b.write((int) v);
    return b.toByteArray();
  }
}
