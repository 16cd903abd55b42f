package io.semsearch.indexer.input;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** Helpers for writing corpus fixtures and reading every record back. */
final class CorpusTestFiles {

  private CorpusTestFiles() {}

  static Path write(Path file, String content) throws IOException {
    return write(file, content.getBytes(StandardCharsets.UTF_8));
  }

  static Path write(Path file, byte[] content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(content);
      }
    } else {
      Files.write(file, content);
    }
    return file;
  }

  /** Bytes of {@code before}, an invalid UTF-8 byte, then {@code after}. */
  static byte[] withInvalidByte(String before, String after) {
    byte[] head = before.getBytes(StandardCharsets.UTF_8);
    byte[] tail = after.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xC3; // a lead byte without its continuation
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    return all;
  }

  static List<CorpusRecord> readAll(Path input, CorpusOptions options) throws IOException {
    List<CorpusRecord> records = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(input, options)) {
      for (CorpusRecord record; (record = reader.read()) != null; ) {
        records.add(record);
      }
    }
    return records;
  }

  static List<CorpusRecord> readAll(Path input) throws IOException {
    return readAll(input, CorpusOptions.defaults());
  }

  static List<CorpusDocument> documents(List<CorpusRecord> records) {
    return records.stream()
        .filter(CorpusDocument.class::isInstance)
        .map(CorpusDocument.class::cast)
        .toList();
  }

  static List<BadRecord> badRecords(List<CorpusRecord> records) {
    return records.stream().filter(BadRecord.class::isInstance).map(BadRecord.class::cast).toList();
  }
}
