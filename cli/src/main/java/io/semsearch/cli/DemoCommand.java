package io.semsearch.cli;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.builtin.DefaultModel;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.CorpusReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The first thing to run: the sample corpus, indexed with the default model, served. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Indexes the sample corpus (samples/corpus/docs.jsonl) with the default model if needed (only"
          + " what changed is",
      "embedded again) and serves it: open the printed URL."
    })
final class DemoCommand implements Callable<Integer> {

  /** The sample corpus, relative to the project folder. */
  static final Path SAMPLE_CORPUS = Path.of("samples", "corpus", "docs.jsonl");

  @Option(
      names = "--corpus",
      paramLabel = "FILE",
      description = "Corpus to serve (default: the project's samples/corpus/docs.jsonl).")
  Path corpus;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description =
          "Where the demo index lives (default: demo-index in the semsearch home, $SEMSEARCH_HOME"
              + " or ~/.cache/semsearch).")
  Path index;

  @Mixin ServerArgs server;

  @Mixin EncoderArgs encoder;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path input = corpus != null ? corpus : sampleCorpus();
    Path dir = index != null ? index : semsearchHome().resolve("demo-index");
    PrintWriter out = spec.commandLine().getOut();
    try (SentenceEncoder enc = encoder.openForIndex(dir)) {
      try (CorpusIndexer indexer = new CorpusIndexer(dir, enc, IndexSettings.defaults());
          CorpusReader reader = CorpusReader.open(input)) {
        IndexSummary s = indexer.index(reader, IndexProgress.NONE);
        out.printf(
            Locale.ROOT,
            "demo index %s: %,d documents embedded, %,d unchanged (%.1f s)%n",
            dir,
            s.documentsIndexed(),
            s.documentsUnchanged(),
            s.seconds());
      }
      return Serving.serveUntilStopped(server.config(), enc, dir, out);
    }
  }

  /**
   * The sample corpus of the project the launcher runs from ({@code -Dsemsearch.root}), else of the
   * working folder.
   */
  private static Path sampleCorpus() throws NoSuchFileException {
    String root = System.getProperty("semsearch.root");
    Path file =
        (root != null ? Path.of(root) : Path.of("")).resolve(SAMPLE_CORPUS).toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file + " (run from the semsearch folder, or pass --corpus)");
    }
    return file;
  }

  private static Path semsearchHome() {
    String home = System.getProperty("semsearch.home");
    return home != null ? Path.of(home) : DefaultModel.defaultCacheRoot();
  }
}
