package io.semsearch.cli;

import io.semsearch.encoder.SentenceEncoder;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reads lines on stdin, writes one JSON object per line on stdout. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
      "Embeds each line of standard input; writes JSON Lines {\"embedding\":[...]} in input order.",
      "Text longer than the model's max_seq_length tokens is truncated; an empty line is embedded"
          + " as [CLS][SEP]."
    })
final class EncodeCommand implements Callable<Integer> {

  @Mixin EncoderArgs encoder;

  @Option(
      names = "--chunk",
      paramLabel = "N",
      defaultValue = "4096",
      description = "Lines read and embedded at a time (default: ${DEFAULT-VALUE}).")
  int chunk;

  @Option(
      names = "--tokens",
      description = "Also write the number of tokens embedded (after truncation).")
  boolean tokens;

  @Option(
      names = "--prompt-name",
      paramLabel = "NAME",
      description =
          "Put the model's prompt NAME (config_sentence_transformers.json, e.g. query) before each"
              + " line. Without it or --prompt, the model's default prompt, if it names one, as"
              + " sentence-transformers' encode does.")
  String promptName;

  @Option(
      names = "--prompt",
      paramLabel = "TEXT",
      description = "Put TEXT before each line (not with --prompt-name).")
  String prompt;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (chunk < 1) {
      throw new IllegalArgumentException("--chunk must be at least 1, got: " + chunk);
    }
    if (promptName != null && prompt != null) {
      throw new IllegalArgumentException("give --prompt or --prompt-name, not both");
    }
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    // Buffered on top of picocli's writer, flushed after each chunk and never closed (it is
    // stdout).
    PrintWriter out =
        new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
    try (SentenceEncoder enc = encoder.open();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, decoder))) {
      String chosen =
          promptName != null
              ? promptOf(enc, promptName)
              : prompt != null ? prompt : enc.prompts().defaultPrompt();
      String prefix = chosen == null ? "" : chosen;
      Progress progress = new Progress(spec.commandLine().getErr(), "lines");
      List<String> lines = new ArrayList<>(chunk);
      long lineNumber = 0;
      for (String line; ; ) {
        try {
          line = in.readLine();
        } catch (CharacterCodingException e) {
          throw new IllegalArgumentException(
              "stdin line " + (lineNumber + 1) + ": invalid UTF-8", e);
        }
        if (line != null) {
          lines.add(line);
          lineNumber++;
        }
        if (lines.size() == chunk || (line == null && !lines.isEmpty())) {
          float[][] vectors = enc.encode(lines, chosen);
          for (int i = 0; i < vectors.length; i++) {
            writeLine(
                out,
                vectors[i],
                tokens ? Math.min(enc.countTokens(prefix + lines.get(i)), enc.maxSeqLength()) : -1);
          }
          out.flush();
          progress.advance(lines.size());
          lines.clear();
        }
        if (line == null) {
          break;
        }
      }
      progress.finish();
    }
    return 0;
  }

  private static String promptOf(SentenceEncoder enc, String name) {
    try {
      return enc.prompts().get(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--prompt-name: " + e.getMessage(), e);
    }
  }

  private static void writeLine(PrintWriter out, float[] vector, int tokenCount) {
    StringBuilder sb = new StringBuilder(vector.length * 12 + 32);
    sb.append("{\"embedding\":[");
    for (int i = 0; i < vector.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(vector[i]);
    }
    sb.append(']');
    if (tokenCount >= 0) {
      sb.append(",\"tokens\":").append(tokenCount);
    }
    sb.append('}');
    out.println(sb);
  }
}
