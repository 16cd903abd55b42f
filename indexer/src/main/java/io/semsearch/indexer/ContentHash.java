package io.semsearch.indexer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over what determines a document's index entry: title, text and metadata (keys sorted).
 * Equal hashes mean the document need not be embedded again. Every index writer (the local index, a
 * cluster feeder) stores this hash, so a document's hash is the same wherever it is written.
 */
public final class ContentHash {

  private ContentHash() {}

  /** The hash of a document's title (null for none), text and metadata, as hex. */
  public static String of(String title, String text, Map<String, Object> metadata) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    update(digest, title == null ? "\u0000null" : title);
    update(digest, text);
    for (Map.Entry<String, Object> e : new TreeMap<>(metadata).entrySet()) {
      update(digest, e.getKey());
      Object v = e.getValue();
      update(digest, v == null ? "\u0000null" : v.getClass().getSimpleName() + ":" + v);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
    digest.update((byte) ':');
    digest.update(bytes);
  }
}
