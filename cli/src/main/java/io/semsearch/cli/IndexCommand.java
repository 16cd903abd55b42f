package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.Quantization;
import io.semsearch.index.SettingsConflict;
import io.semsearch.index.SettingsConflictException;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.CorpusFormat;
import io.semsearch.indexer.input.CorpusOptions;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.solr.CollectionLayout;
import io.semsearch.solr.SolrCollection;
import io.semsearch.solr.SolrFeed;
import io.semsearch.solr.SolrWrites;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Builds or updates an index from a corpus. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Embeds a corpus into a Lucene HNSW index: JSON Lines, CSV/TSV with a header, plain text (a"
          + " document a line)",
      "or a folder of .txt/.md/.html files; .gz read transparently. Long documents are split into"
          + " passages that fit",
      "the model. Re-running on a changed corpus embeds only new or changed documents.",
      "With --solr URL --collection NAME, feeds a SolrCloud collection instead (created with its"
          + " schema when missing)."
    })
final class IndexCommand implements Callable<Integer> {

  /** Documents embedded and sent to a collection together. */
  private static final int SOLR_BATCH = 256;

  /** {@code --index DIR} (created if missing), or {@code --solr URL --collection NAME}. */
  @Mixin IndexTarget target;

  @Option(
      names = "--shards",
      defaultValue = "2",
      paramLabel = "N",
      description = "With --solr: shards of a new collection (default: ${DEFAULT-VALUE}).")
  int shards;

  @Option(
      names = "--replicas",
      defaultValue = "2",
      paramLabel = "N",
      description =
          "With --solr: replicas of each shard of a new collection (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "PATH",
      description = "Corpus file or folder.")
  Path input;

  @Option(
      names = "--format",
      paramLabel = "F",
      description = "jsonl, csv, tsv, text or dir (default: from the extension).")
  String format;

  @Option(
      names = "--id-field",
      defaultValue = "id",
      paramLabel = "NAME",
      description = "Id field of JSON/CSV records (default: ${DEFAULT-VALUE}).")
  String idField;

  @Option(
      names = "--text-field",
      defaultValue = "text",
      paramLabel = "NAME",
      description = "Text field of JSON/CSV records (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(
      names = "--title-field",
      defaultValue = "title",
      paramLabel = "NAME",
      description = "Title field, used when present (default: ${DEFAULT-VALUE}).")
  String titleField;

  @Option(names = "--strict", description = "Stop at the first bad record instead of skipping it.")
  boolean strict;

  @Option(
      names = "--hnsw-m",
      paramLabel = "M",
      description = "HNSW neighbours per node (default: 16, or the existing index's).")
  Integer hnswM;

  @Option(
      names = "--hnsw-beam-width",
      paramLabel = "N",
      description = "HNSW beam width while building (default: 100, or the existing index's).")
  Integer beamWidth;

  @Option(
      names = "--quantization",
      paramLabel = "Q",
      description = "none, int8, int4 or binary (default: none, or the existing index's).")
  String quantization;

  @Option(
      names = "--merge-threads",
      defaultValue = "1",
      paramLabel = "N",
      description = "Threads merging HNSW graphs (default: ${DEFAULT-VALUE}).")
  int mergeThreads;

  @Option(
      names = "--force-merge",
      description = "Merge to one segment at the end (faster search, slower build).")
  boolean forceMerge;

  @Option(
      names = "--commit-every",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Documents between commits (default: ${DEFAULT-VALUE}).")
  int commitEvery;

  @Option(
      names = "--passage-overlap",
      paramLabel = "TOKENS",
      description = "Tokens shared by consecutive passages (default: 32, or the existing index's).")
  Integer overlap;

  @Option(
      names = "--delete-missing",
      description = "Delete indexed documents that are not in the corpus.")
  boolean deleteMissing;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @Mixin EncoderArgs encoder;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    target.validate();
    IndexSettings settings = settings();
    CorpusOptions options =
        new CorpusOptions(
            format == null ? null : CorpusFormat.parse(format),
            idField,
            textField,
            titleField,
            strict);
    PrintWriter err = spec.commandLine().getErr();
    IndexSummary summary;
    if (target.isSolr()) {
      CollectionLayout layout = new CollectionLayout(shards, replicas);
      try (SentenceEncoder enc = target.openEncoder(encoder);
          SolrCollection collection = target.connect();
          CorpusReader reader = CorpusReader.open(input, options)) {
        SolrWrites writes = SolrWrites.open(collection, enc, settings, layout);
        Bar bar = new Bar(err);
        bar.progress.expect(CorpusReader.estimateRecords(input));
        summary =
            new SolrFeed(collection, writes, SOLR_BATCH, commitEvery, deleteMissing)
                .run(reader, bar);
        bar.finish();
      }
    } else {
      try (SentenceEncoder enc = target.openEncoder(encoder);
          CorpusIndexer indexer = openIndexer(enc, settings);
          CorpusReader reader = CorpusReader.open(input, options)) {
        Bar bar = new Bar(err);
        bar.progress.expect(CorpusReader.estimateRecords(input));
        summary = indexer.index(reader, bar);
        bar.finish();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(summary));
      out.flush();
      return 0;
    }
    out.printf(
        Locale.ROOT,
        "indexed %,d documents (%,d passages) into %s in %.1f s; %,d unchanged, %,d replaced"
            + " (id repeated in the corpus), %,d deleted, %,d skipped%s; index %.1f MB%n",
        summary.documentsIndexed(),
        summary.passagesIndexed(),
        target.location(),
        summary.seconds(),
        summary.documentsUnchanged(),
        summary.documentsReplaced(),
        summary.documentsDeleted(),
        summary.skippedTotal(),
        summary.skipped().isEmpty() ? "" : " " + summary.skipped(),
        summary.indexBytes() / 1e6);
    out.printf(
        Locale.ROOT,
        "time: encoding %.1f s, adding to the index (HNSW) %.1f s, commits/merges %.1f s; peak heap"
            + " %.0f MB%n",
        summary.encodeSeconds(),
        summary.writeSeconds(),
        summary.commitSeconds(),
        peakHeapBytes() / 1e6);
    out.flush();
    return 0;
  }

  /** The summary as one JSON object, snake_case as the rest of the command line's JSON. */
  private String json(IndexSummary summary) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("index", target.location());
    node.put("documents_read", summary.documentsRead());
    node.put("documents_indexed", summary.documentsIndexed());
    node.put("documents_unchanged", summary.documentsUnchanged());
    node.put("documents_replaced", summary.documentsReplaced());
    node.put("documents_deleted", summary.documentsDeleted());
    node.put("passages_indexed", summary.passagesIndexed());
    ObjectNode skipped = node.putObject("skipped");
    summary.skipped().forEach(skipped::put);
    node.put("seconds", summary.seconds());
    node.put("index_bytes", summary.indexBytes());
    return node.toString();
  }

  /**
   * The build settings: those given, the rest from the existing index (appending with others is
   * refused by the indexer; the refusal is worded with these flags) or the defaults for a new one.
   */
  private IndexSettings settings() throws IOException {
    IndexMetadata existing = existingBuild();
    IndexSettings base = IndexSettings.defaults();
    if (existing != null) {
      base = base.withBuildSettingsOf(existing);
    }
    return new IndexSettings(
        hnswM != null ? hnswM : base.hnswM(),
        beamWidth != null ? beamWidth : base.beamWidth(),
        quantization != null ? Quantization.parse(quantization) : base.quantization(),
        mergeThreads,
        commitEvery,
        overlap != null ? overlap : base.passageOverlapTokens(),
        forceMerge,
        deleteMissing);
  }

  /** How the index or collection was built; null when it is new. */
  private IndexMetadata existingBuild() throws IOException {
    if (!target.isSolr()) {
      return IndexDirectory.readMetadata(target.index);
    }
    try (SolrCollection collection = target.connect()) {
      return collection.exists() ? collection.build() : null;
    }
  }

  private CorpusIndexer openIndexer(SentenceEncoder enc, IndexSettings settings)
      throws IOException {
    try {
      return new CorpusIndexer(target.index, enc, settings);
    } catch (SettingsConflictException e) {
      throw new IllegalArgumentException(inFlags(e), e);
    }
  }

  /** The refusal worded with this command's flags, e.g. {@code --hnsw-m 8 (not 16)}. */
  static String inFlags(SettingsConflictException e) {
    String differences =
        e.conflict().differences().stream()
            .map(d -> d.describe(flag(d.setting())))
            .collect(Collectors.joining(", "));
    return SettingsConflictException.message(e.index(), differences);
  }

  private static String flag(SettingsConflict.Setting setting) {
    return switch (setting) {
      case HNSW_M -> "--hnsw-m";
      case HNSW_BEAM_WIDTH -> "--hnsw-beam-width";
      case QUANTIZATION -> "--quantization";
      case PASSAGE_OVERLAP -> "--passage-overlap";
    };
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** Progress on stderr: documents read, documents and passages written, rates. */
  private static final class Bar implements IndexProgress {
    private final Progress progress;

    Bar(PrintWriter err) {
      this.progress = new Progress(err, "documents", "passages");
    }

    @Override
    public void documentRead(boolean changed) {
      if (!changed) {
        progress.advance(1);
      }
    }

    @Override
    public void documentWritten(int count) {
      progress.advance(1, count);
    }

    void finish() {
      progress.finish();
    }
  }
}
