package io.semsearch.encoder.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Reads the protocol buffers wire format one field at a time, without a schema and without copying:
 * strings are decoded, but bytes and nested messages are views of the underlying buffer.
 *
 * <p>Usage: call {@link #nextField()} while {@link #hasRemaining()}, then either a read method that
 * fits the field's {@link #wireType()} or {@link #skip()} for fields the caller does not know. Read
 * methods check the wire type, so a schema mismatch is reported rather than misread. Groups (wire
 * types 3 and 4, deprecated since proto2) are refused.
 */
public final class ProtobufReader {

  /** Wire type of int32, int64, uint*, sint*, bool and enum fields. */
  public static final int VARINT = 0;

  /** Wire type of fixed64, sfixed64 and double fields. */
  public static final int FIXED64 = 1;

  /** Wire type of string, bytes, nested messages and packed repeated scalars. */
  public static final int LENGTH_DELIMITED = 2;

  /** Wire type of fixed32, sfixed32 and float fields. */
  public static final int FIXED32 = 5;

  private static final int MAX_FIELD_NUMBER = (1 << 29) - 1;

  private final ByteBuffer buffer;
  private final long baseOffset;
  private int field = -1;
  private int wireType = -1;

  /**
   * Reads the bytes between {@code bytes}' position and limit; {@code bytes} itself is not moved.
   */
  public ProtobufReader(ByteBuffer bytes) {
    this(bytes, 0);
  }

  private ProtobufReader(ByteBuffer bytes, long baseOffset) {
    this.buffer = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    this.baseOffset = baseOffset;
  }

  /** Returns whether another field follows. */
  public boolean hasRemaining() {
    return buffer.hasRemaining();
  }

  /**
   * Returns the offset of the next unread byte, counted from the start of the outermost message.
   */
  public long offset() {
    return baseOffset + buffer.position();
  }

  /**
   * Reads the next field's key.
   *
   * @return the field number, at least 1
   * @throws ProtobufException if the key is malformed or names a group
   */
  public int nextField() throws ProtobufException {
    long start = offset();
    long key = rawVarint();
    long number = key >>> 3;
    int type = (int) (key & 7);
    if (number < 1 || number > MAX_FIELD_NUMBER) {
      throw new ProtobufException("invalid field number " + number + " at byte " + start);
    }
    if (type != VARINT && type != FIXED64 && type != LENGTH_DELIMITED && type != FIXED32) {
      throw new ProtobufException(
          "unsupported wire type " + type + " for field " + number + " at byte " + start);
    }
    field = (int) number;
    wireType = type;
    return field;
  }

  /** Returns the wire type of the field whose key {@link #nextField()} read last. */
  public int wireType() {
    return wireType;
  }

  /** Reads a varint field as a 64-bit value (negative int32 and int64 values take ten bytes). */
  public long readVarint() throws ProtobufException {
    expect(VARINT);
    return rawVarint();
  }

  /** Reads a fixed32 field, such as a float's bits. */
  public int readFixed32() throws ProtobufException {
    expect(FIXED32);
    need(4);
    return buffer.getInt();
  }

  /** Reads a float field. */
  public float readFloat() throws ProtobufException {
    return Float.intBitsToFloat(readFixed32());
  }

  /** Reads a fixed64 field, such as a double's bits. */
  public long readFixed64() throws ProtobufException {
    expect(FIXED64);
    need(8);
    return buffer.getLong();
  }

  /** Reads a bytes field (or a packed repeated field) as a little-endian view, without copying. */
  public ByteBuffer readBytes() throws ProtobufException {
    expect(LENGTH_DELIMITED);
    int length = rawLength();
    ByteBuffer view = buffer.slice(buffer.position(), length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.position(buffer.position() + length);
    return view;
  }

  /** Reads a string field as UTF-8. */
  public String readString() throws ProtobufException {
    ByteBuffer bytes = readBytes();
    return StandardCharsets.UTF_8.decode(bytes).toString();
  }

  /** Reads a nested message field; the returned reader reports offsets in this reader's terms. */
  public ProtobufReader readMessage() throws ProtobufException {
    ByteBuffer bytes = readBytes();
    return new ProtobufReader(bytes, offset() - bytes.remaining());
  }

  /**
   * Reads a repeated varint field that may be packed (one length-delimited run) or not (one value
   * per key), calling {@code sink} for each value.
   */
  public void readVarints(LongConsumer sink) throws ProtobufException {
    if (wireType == VARINT) {
      sink.accept(rawVarint());
      return;
    }
    ProtobufReader packed = readMessage();
    while (packed.hasRemaining()) {
      sink.accept(packed.rawVarint());
    }
  }

  /** Skips the value of the field whose key {@link #nextField()} read last. */
  public void skip() throws ProtobufException {
    switch (wireType) {
      case VARINT -> rawVarint();
      case FIXED64 -> advance(8);
      case FIXED32 -> advance(4);
      case LENGTH_DELIMITED -> advance(rawLength());
      default -> throw new IllegalStateException("skip() before nextField()");
    }
  }

  private long rawVarint() throws ProtobufException {
    long start = offset();
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!buffer.hasRemaining()) {
        throw new ProtobufException("truncated varint at byte " + start);
      }
      byte b = buffer.get();
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new ProtobufException("varint longer than 10 bytes at byte " + start);
  }

  private int rawLength() throws ProtobufException {
    long start = offset();
    long length = rawVarint();
    if (length < 0 || length > buffer.remaining()) {
      throw new ProtobufException(
          "length "
              + length
              + " at byte "
              + start
              + " runs past the end of its message ("
              + buffer.remaining()
              + " bytes left)");
    }
    return (int) length;
  }

  private void advance(int n) throws ProtobufException {
    need(n);
    buffer.position(buffer.position() + n);
  }

  private void need(int n) throws ProtobufException {
    if (buffer.remaining() < n) {
      throw new ProtobufException(
          "field "
              + field
              + " needs "
              + n
              + " bytes at byte "
              + offset()
              + " but only "
              + buffer.remaining()
              + " are left");
    }
  }

  private void expect(int type) throws ProtobufException {
    if (wireType != type) {
      throw new ProtobufException(
          "field "
              + field
              + " has wire type "
              + wireType
              + " but wire type "
              + type
              + " was expected, at byte "
              + offset());
    }
  }
}
