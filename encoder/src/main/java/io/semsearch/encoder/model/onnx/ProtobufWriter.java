package io.semsearch.encoder.model.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the protocol buffers wire format one field at a time, without a schema: the counterpart of
 * {@link ProtobufReader} for the few field kinds ONNX models need (varints, floats, strings, bytes,
 * nested messages and packed varints). Fields are written in call order.
 */
public final class ProtobufWriter {

  private final Bytes out = new Bytes();

  /** A byte array output stream that copies itself into another without a checked exception. */
  private static final class Bytes extends ByteArrayOutputStream {
    void appendTo(ByteArrayOutputStream target) {
      target.write(buf, 0, count);
    }
  }

  /** Writes a varint field (int32, int64, enum, bool); negative values take ten bytes. */
  public ProtobufWriter varint(int field, long value) {
    tag(field, ProtobufReader.VARINT);
    rawVarint(value);
    return this;
  }

  /** Writes a float field as fixed32. */
  public ProtobufWriter float32(int field, float value) {
    tag(field, ProtobufReader.FIXED32);
    int bits = Float.floatToRawIntBits(value);
    for (int i = 0; i < 4; i++) {
      out.write(bits >>> (8 * i));
    }
    return this;
  }

  /** Writes a string field in UTF-8. */
  public ProtobufWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a bytes field. */
  public ProtobufWriter bytes(int field, byte[] value) {
    tag(field, ProtobufReader.LENGTH_DELIMITED);
    rawVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  /** Writes a nested message field. */
  public ProtobufWriter message(int field, ProtobufWriter message) {
    tag(field, ProtobufReader.LENGTH_DELIMITED);
    rawVarint(message.out.size());
    message.out.appendTo(out);
    return this;
  }

  /** Writes a packed repeated varint field (repeated int64 in proto3). */
  public ProtobufWriter packedVarints(int field, long[] values) {
    ProtobufWriter packed = new ProtobufWriter();
    for (long v : values) {
      packed.rawVarint(v);
    }
    tag(field, ProtobufReader.LENGTH_DELIMITED);
    rawVarint(packed.out.size());
    packed.out.appendTo(out);
    return this;
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  private void rawVarint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
