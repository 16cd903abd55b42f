package io.semsearch.encoder.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Small hand-made {@code tokenizer.json} files in the two forms RoBERTa-family models ship, with
 * ids simple enough to derive by hand:
 *
 * <ul>
 *   <li>{@link #byteLevelBpe}: RoBERTa's byte-level BPE. Ids 0..3 are {@code <s> <pad> </s> <unk>};
 *       byte {@code b} (as GPT-2's byte-to-character table writes it, space as {@code Ġ}) has id
 *       {@code 4 + b}; the merges then add {@code th} (260), {@code the} (261), {@code Ġc} (262),
 *       {@code Ġca} (263), {@code Ġcat} (264), in that priority. The post-processor wraps a text as
 *       {@code <s> ... </s>}.
 *   <li>{@link #unigram}: XLM-RoBERTa's SentencePiece Unigram with a Metaspace pre-tokenizer
 *       ({@code ▁} before each word). Ids 0..3 as above, then {@code ▁} (4, score -4), {@code ▁the}
 *       (5, -1), {@code ▁cat} (6, -1.5), {@code ▁sat} (7, -1.5), and the letters {@code a..z}
 *       (8..33, -5 each); anything else is {@code <unk>}. Wrapped as {@code <s> ... </s>}.
 * </ul>
 */
public final class TinyTokenizers {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code <s>}, the first token of every sequence. */
  public static final int BOS = 0;

  /** {@code <pad>}, the padding index of RoBERTa-family models. */
  public static final int PAD = 1;

  /** {@code </s>}, the last token of every sequence. */
  public static final int EOS = 2;

  /** {@code <unk>}. */
  public static final int UNK = 3;

  /** The ids the byte-level BPE file uses: 4 specials, 256 bytes, 5 merges. */
  public static final int BPE_VOCAB = 265;

  /** The ids the Unigram file uses. */
  public static final int UNIGRAM_VOCAB = 34;

  private static final List<String> SPECIALS = List.of("<s>", "<pad>", "</s>", "<unk>");

  private TinyTokenizers() {}

  /** Writes the byte-level BPE tokenizer to {@code file}. */
  public static Path byteLevelBpe(Path file) throws IOException {
    ObjectNode root = header();
    ObjectNode pre = root.putObject("pre_tokenizer");
    pre.put("type", "ByteLevel").put("add_prefix_space", false);
    pre.put("trim_offsets", true).put("use_regex", true);
    ObjectNode post = root.putObject("post_processor");
    post.put("type", "RobertaProcessing");
    post.putArray("sep").add("</s>").add(EOS);
    post.putArray("cls").add("<s>").add(BOS);
    post.put("trim_offsets", true).put("add_prefix_space", false);
    ObjectNode decoder = root.putObject("decoder");
    decoder.put("type", "ByteLevel").put("add_prefix_space", true);
    decoder.put("trim_offsets", true).put("use_regex", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE").putNull("dropout").putNull("unk_token");
    model.put("continuing_subword_prefix", "").put("end_of_word_suffix", "");
    model.put("fuse_unk", false).put("byte_fallback", false);
    ObjectNode vocab = model.putObject("vocab");
    for (int i = 0; i < SPECIALS.size(); i++) {
      vocab.put(SPECIALS.get(i), i);
    }
    for (int b = 0; b < 256; b++) {
      vocab.put(byteChar(b), 4 + b);
    }
    String space = byteChar(' ');
    List<String[]> merges =
        List.of(
            new String[] {"t", "h"},
            new String[] {"th", "e"},
            new String[] {space, "c"},
            new String[] {space + "c", "a"},
            new String[] {space + "ca", "t"});
    ArrayNode mergeList = model.putArray("merges");
    int id = 260;
    for (String[] m : merges) {
      mergeList.add(m[0] + " " + m[1]);
      vocab.put(m[0] + m[1], id++);
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    return file;
  }

  /** Writes the Unigram tokenizer to {@code file}. */
  public static Path unigram(Path file) throws IOException {
    ObjectNode root = header();
    ObjectNode pre = root.putObject("pre_tokenizer");
    pre.put("type", "Metaspace").put("replacement", "\u2581");
    pre.put("prepend_scheme", "always").put("split", true);
    ObjectNode post = root.putObject("post_processor");
    post.put("type", "TemplateProcessing");
    ArrayNode single = post.putArray("single");
    special(single, "<s>");
    single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    special(single, "</s>");
    ArrayNode pair = post.putArray("pair");
    special(pair, "<s>");
    pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    special(pair, "</s>");
    special(pair, "</s>");
    pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 0);
    special(pair, "</s>");
    ObjectNode specials = post.putObject("special_tokens");
    for (String token : List.of("<s>", "</s>")) {
      ObjectNode s = specials.putObject(token);
      s.put("id", token);
      s.putArray("ids").add(SPECIALS.indexOf(token));
      s.putArray("tokens").add(token);
    }
    ObjectNode decoder = root.putObject("decoder");
    decoder.put("type", "Metaspace").put("replacement", "\u2581");
    decoder.put("prepend_scheme", "always").put("split", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "Unigram").put("unk_id", UNK).put("byte_fallback", false);
    ArrayNode vocab = model.putArray("vocab");
    for (String s : SPECIALS) {
      vocab.addArray().add(s).add(0.0);
    }
    vocab.addArray().add("\u2581").add(-4.0);
    vocab.addArray().add("\u2581the").add(-1.0);
    vocab.addArray().add("\u2581cat").add(-1.5);
    vocab.addArray().add("\u2581sat").add(-1.5);
    for (char c = 'a'; c <= 'z'; c++) {
      vocab.addArray().add(String.valueOf(c)).add(-5.0);
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    return file;
  }

  private static void special(ArrayNode template, String token) {
    template.addObject().putObject("SpecialToken").put("id", token).put("type_id", 0);
  }

  private static ObjectNode header() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0").putNull("truncation").putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < SPECIALS.size(); i++) {
      added
          .addObject()
          .put("id", i)
          .put("content", SPECIALS.get(i))
          .put("single_word", false)
          .put("lstrip", false)
          .put("rstrip", false)
          .put("normalized", false)
          .put("special", true);
    }
    root.putNull("normalizer");
    return root;
  }

  /**
   * GPT-2's byte-to-character table: printable Latin-1 bytes ({@code !..~}, {@code ¡..¬}, {@code
   * ®..ÿ}) stand for themselves, the other 68 bytes for {@code U+0100} on in byte order.
   */
  static String byteChar(int b) {
    if (printable(b)) {
      return String.valueOf((char) b);
    }
    int shifted = 0;
    for (int other = 0; other < b; other++) {
      if (!printable(other)) {
        shifted++;
      }
    }
    return String.valueOf((char) (256 + shifted));
  }

  private static boolean printable(int b) {
    return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
  }
}
