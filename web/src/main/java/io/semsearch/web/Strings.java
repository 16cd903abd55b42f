package io.semsearch.web;

/** Small string helpers for messages. */
final class Strings {

  private static final int CLIP = 80;

  private Strings() {}

  /**
   * {@code value} cut to 80 characters, with an ellipsis when cut, control characters shown as '?'.
   */
  static String clip(String value) {
    if (value == null) {
      return "null";
    }
    String cut = value.length() > CLIP ? value.substring(0, CLIP) + "…" : value;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
