package io.semsearch.encoder.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format:
 * an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and byte
 * range, then the raw little-endian data.
 *
 * <p>Reading converts F32, F16, BF16 and F64 tensors to float32; other dtypes are refused with the
 * tensor's name. Writing always stores F32.
 */
public final class Safetensors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER_BYTES = 100L << 20;

  private Safetensors() {}

  /**
   * Reads every tensor of a safetensors file.
   *
   * @return the tensors by name, in file order
   * @throws IOException if the file can't be read or is not a valid safetensors file; the message
   *     names the file
   */
  public static Map<String, Tensor> read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < 8) {
        throw new IOException(file + ": not a safetensors file (only " + size + " bytes)");
      }
      ByteBuffer lengthBuffer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBuffer, 0);
      long headerLength = lengthBuffer.flip().getLong();
      if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > size) {
        throw new IOException(
            file
                + ": not a safetensors file (header length "
                + headerLength
                + ", file size "
                + size
                + ")");
      }
      ByteBuffer headerBuffer = ByteBuffer.allocate((int) headerLength);
      readFully(channel, headerBuffer, 8);
      JsonNode header;
      try {
        header = JSON.readTree(new String(headerBuffer.array(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IOException(file + ": corrupt safetensors header", e);
      }
      long dataStart = 8 + headerLength;
      MappedByteBuffer data =
          channel.map(FileChannel.MapMode.READ_ONLY, dataStart, size - dataStart);
      data.order(ByteOrder.LITTLE_ENDIAN);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (entry.getKey().equals("__metadata__")) {
          continue;
        }
        tensors.put(entry.getKey(), decode(file, entry.getKey(), entry.getValue(), data));
      }
      return tensors;
    }
  }

  private static Tensor decode(Path file, String name, JsonNode info, ByteBuffer data)
      throws IOException {
    String dtype = info.path("dtype").asText();
    JsonNode shapeNode = info.path("shape");
    JsonNode offsets = info.path("data_offsets");
    if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
      throw new IOException(file + ": tensor " + name + " has no valid shape/data_offsets");
    }
    long[] shape = new long[shapeNode.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong();
      count *= shape[i];
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    int width =
        switch (dtype) {
          case "F32" -> 4;
          case "F16", "BF16" -> 2;
          case "F64" -> 8;
          default ->
              throw new IOException(
                  file
                      + ": tensor "
                      + name
                      + " has dtype "
                      + dtype
                      + "; only F32, F16, BF16 and F64 are supported");
        };
    if (begin < 0 || end > data.capacity() || end - begin != count * width) {
      throw new IOException(
          file
              + ": tensor "
              + name
              + " has byte range ["
              + begin
              + ", "
              + end
              + ") that does not fit its shape or the file (truncated?)");
    }
    if (count > Integer.MAX_VALUE) {
      throw new IOException(file + ": tensor " + name + " is too large (" + count + " values)");
    }
    float[] values = new float[(int) count];
    ByteBuffer slice = data.slice((int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case "F32" -> slice.asFloatBuffer().get(values);
      case "F64" -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) slice.getDouble(i * 8);
        }
      }
      case "F16" -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = Float.float16ToFloat(slice.getShort(i * 2));
        }
      }
      default -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = Float.intBitsToFloat((slice.getShort(i * 2) & 0xffff) << 16);
        }
      }
    }
    return new Tensor(name, shape, values);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long pos = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
  }

  /**
   * Writes tensors as F32 to {@code file}, atomically: the data goes to a temporary file in the
   * same folder that is then moved into place, so a crash never leaves half a file.
   */
  public static void write(Path file, Collection<Tensor> tensors) throws IOException {
    ObjectNode header = JSON.createObjectNode();
    header.putObject("__metadata__").put("format", "pt");
    long offset = 0;
    for (Tensor t : tensors) {
      ObjectNode info = header.putObject(t.name());
      info.put("dtype", "F32");
      var shape = info.putArray("shape");
      for (long d : t.shape()) {
        shape.add(d);
      }
      long bytes = 4L * t.data().length;
      info.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] headerBytes = JSON.writeValueAsBytes(header);
    int padded = (headerBytes.length + 7) / 8 * 8;
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(headerBytes);
        while (head.hasRemaining()) {
          head.put((byte) ' ');
        }
        out.write(head.array());
        for (Tensor t : tensors) {
          ByteBuffer buf = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
          buf.asFloatBuffer().put(t.data());
          out.write(buf.array());
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
