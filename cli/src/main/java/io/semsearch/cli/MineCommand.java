package io.semsearch.cli;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.index.IndexVectors;
import io.semsearch.index.io.Utf8LineReader;
import io.semsearch.mining.ApproximateParaphraseMiner;
import io.semsearch.mining.ExactParaphraseMiner;
import io.semsearch.mining.MiningProgress;
import io.semsearch.mining.MiningRecall;
import io.semsearch.mining.MiningSettings;
import io.semsearch.mining.ParaphraseMiner;
import io.semsearch.mining.ParaphrasePair;
import io.semsearch.solr.SolrCollection;
import io.semsearch.solr.SolrVectors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The paraphrase-mining (near-duplicate) job. */
@Command(
    name = "mine",
    mixinStandardHelpOptions = true,
    description = {
      "Finds the most similar pairs of sentences in a file (one a line; ids are 0-based line"
          + " numbers) or of documents in an",
      "index or a SolrCloud collection (ids are document ids; no model needed). Exact mode gives"
          + " sentence-transformers' paraphrase_mining pairs;",
      "approximate mode queries an HNSW graph per vector, for corpora too big for N x N. Output:"
          + " score<TAB>id1<TAB>id2."
    })
final class MineCommand implements Callable<Integer> {

  /** Vectors used to estimate the approximate mode's recall against exact mining. */
  private static final int RECALL_SAMPLE = 5000;

  static final class Source {
    @Option(
        names = "--input",
        required = true,
        paramLabel = "FILE",
        description = "Sentences, one a line (UTF-8).")
    Path input;

    @Option(
        names = "--index",
        required = true,
        paramLabel = "DIR",
        description = "An index: its documents are compared by their best passages.")
    Path index;

    @ArgGroup(exclusive = false)
    Collection collection;
  }

  /** A SolrCloud collection, mined as an index is. */
  static final class Collection {
    @Option(
        names = "--solr",
        required = true,
        paramLabel = "URL",
        description = "A SolrCloud collection instead (with --collection): mined as an index is.")
    String solr;

    @Option(
        names = "--collection",
        required = true,
        paramLabel = "NAME",
        description = "The collection (with --solr).")
    String name;
  }

  static final class Method {
    @Option(
        names = "--exact",
        description = "All pairs, in chunks of matrix products (the default).")
    boolean exact;

    @Option(
        names = "--approximate",
        description = "Each vector queries an HNSW graph of all vectors.")
    boolean approximate;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @ArgGroup(exclusive = true)
  Method method;

  @Option(
      names = "--top-k",
      defaultValue = "100",
      paramLabel = "K",
      description = "Neighbours considered per sentence (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(
      names = "--max-pairs",
      defaultValue = "500000",
      paramLabel = "N",
      description =
          "Bound on pairs, best first, counted as sentence-transformers does (both directions of a"
              + " pair, so about N/2 pairs remain once it is reached; default: ${DEFAULT-VALUE}).")
  int maxPairs;

  @Option(names = "--threshold", paramLabel = "T", description = "Drop pairs scoring below T.")
  Double threshold;

  @Option(
      names = "--query-chunk-size",
      defaultValue = "5000",
      paramLabel = "N",
      description = "Exact mode: rows per matrix product (default: ${DEFAULT-VALUE}).")
  int queryChunkSize;

  @Option(
      names = "--corpus-chunk-size",
      defaultValue = "100000",
      paramLabel = "N",
      description = "Exact mode: columns per matrix product (default: ${DEFAULT-VALUE}).")
  int corpusChunkSize;

  @Option(
      names = "--hnsw-m",
      defaultValue = "16",
      paramLabel = "M",
      description = "Approximate mode: HNSW neighbours per node (default: ${DEFAULT-VALUE}).")
  int hnswM;

  @Option(
      names = "--hnsw-beam-width",
      defaultValue = "100",
      paramLabel = "N",
      description = "Approximate mode: HNSW build beam (default: ${DEFAULT-VALUE}).")
  int beamWidth;

  @Option(
      names = "--num-candidates",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Approximate mode: HNSW breadth per query (default: 2 x (top-k + 1), at least 100).")
  int numCandidates;

  @Option(
      names = "--check-recall",
      description =
          "Approximate mode: also mine a sample of up to 5,000 vectors both ways and print the"
              + " recall.")
  boolean checkRecall;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the pairs here (default: standard output).")
  Path output;

  @Option(
      names = "--with-text",
      description = "Add the two texts (with --index: titles) as columns.")
  boolean withText;

  @Mixin EncoderArgs encoder;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    MiningSettings settings =
        MiningSettings.defaults()
            .withTopK(topK)
            .withMaxPairs(maxPairs)
            .withThreshold(threshold == null ? Double.NEGATIVE_INFINITY : threshold)
            .withQueryChunkSize(queryChunkSize)
            .withCorpusChunkSize(corpusChunkSize);
    PrintWriter err = spec.commandLine().getErr();
    Corpus corpus =
        source.input != null
            ? embedLines(source.input, err)
            : source.index != null ? fromIndex(source.index) : fromCollection(source.collection);
    boolean approximate = method != null && method.approximate;
    Progress progress = new Progress(err, "vectors compared");
    progress.expect(corpus.vectors.length);
    MiningProgress report =
        new MiningProgress() {
          private long reported;

          @Override
          public synchronized void chunkDone(long rowsDone, long rowsTotal) {
            progress.advance(rowsDone - reported);
            reported = rowsDone;
          }
        };
    long start = System.nanoTime();
    ParaphraseMiner miner = approximate ? approximateMiner(settings) : exactMiner(settings);
    List<ParaphrasePair> pairs = miner.mine(corpus.vectors, corpus.groups, report);
    progress.finish();
    double seconds = (System.nanoTime() - start) / 1e9;
    writePairs(pairs, corpus);
    err.printf(
        Locale.ROOT,
        "%,d pairs from %,d vectors (%s) in %.1f s%n",
        pairs.size(),
        corpus.vectors.length,
        approximate ? "approximate" : "exact",
        seconds);
    if (approximate && checkRecall) {
      err.printf(
          Locale.ROOT,
          "approximate recall against exact on a %,d-vector sample: %.4f%n",
          Math.min(RECALL_SAMPLE, corpus.vectors.length),
          sampleRecall(corpus, settings));
    }
    err.flush();
    return 0;
  }

  private ExactParaphraseMiner exactMiner(MiningSettings settings) {
    return new ExactParaphraseMiner(
        settings, SentenceEncoders.similarityKernel(DeviceSpec.parse(encoder.device)));
  }

  private ApproximateParaphraseMiner approximateMiner(MiningSettings settings) {
    int breadth = numCandidates > 0 ? numCandidates : Math.max(100, 2 * (topK + 1));
    return new ApproximateParaphraseMiner(settings, hnswM, beamWidth, breadth);
  }

  /** Mines a random sample exactly and approximately, and compares the pairs. */
  private double sampleRecall(Corpus corpus, MiningSettings settings) {
    int n = Math.min(RECALL_SAMPLE, corpus.vectors.length);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < corpus.vectors.length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(42));
    float[][] sample = new float[n][];
    int[] groups = new int[n];
    for (int i = 0; i < n; i++) {
      sample[i] = corpus.vectors[order.get(i)];
      groups[i] = corpus.groups[order.get(i)];
    }
    List<ParaphrasePair> exact = exactMiner(settings).mine(sample, groups, MiningProgress.NONE);
    return MiningRecall.recall(
        exact, approximateMiner(settings).mine(sample, groups, MiningProgress.NONE));
  }

  /** Vectors, their groups (documents), and each group's id and text. */
  private record Corpus(float[][] vectors, int[] groups, List<String> ids, List<String> texts) {}

  private Corpus embedLines(Path input, PrintWriter err) throws IOException {
    List<String> texts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    try (Utf8LineReader reader =
        new Utf8LineReader(Files.newInputStream(input), input.toString())) {
      for (Utf8LineReader.Line line; (line = reader.next()) != null; ) {
        if (!line.validUtf8()) {
          throw new IOException(reader.location(line.number()) + ": not valid UTF-8");
        }
        if (!line.text().isBlank()) {
          texts.add(line.text());
          ids.add(Long.toString(line.number() - 1));
        }
      }
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException(input + ": no sentences (the file is empty)");
    }
    float[][] vectors = new float[texts.size()][];
    try (SentenceEncoder enc = encoder.open()) {
      Progress progress = new Progress(err, "sentences embedded");
      progress.expect(texts.size());
      int chunk = 1024;
      for (int from = 0; from < texts.size(); from += chunk) {
        float[][] part = enc.encode(texts.subList(from, Math.min(texts.size(), from + chunk)));
        System.arraycopy(part, 0, vectors, from, part.length);
        progress.advance(part.length);
      }
      progress.finish();
    }
    int[] groups = new int[vectors.length];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = i;
    }
    return new Corpus(vectors, groups, ids, texts);
  }

  private static Corpus fromIndex(Path index) throws IOException {
    return corpusOf(IndexVectors.read(index), index.toString());
  }

  private static Corpus fromCollection(Collection source) throws IOException {
    try (SolrCollection collection = SolrCollection.connect(source.solr, source.name)) {
      if (!collection.exists()) {
        throw new IllegalArgumentException(collection.location() + ": no such collection");
      }
      return corpusOf(SolrVectors.read(collection), collection.location());
    }
  }

  private static Corpus corpusOf(IndexVectors v, String location) {
    if (v.vectors().length == 0) {
      throw new IllegalArgumentException(location + ": the index has no vectors");
    }
    return new Corpus(v.vectors(), v.groups(), v.ids(), v.titles());
  }

  /** Writes the pairs, to a temporary file moved into place at the end when --output is given. */
  private void writePairs(List<ParaphrasePair> pairs, Corpus corpus) throws IOException {
    if (output == null) {
      PrintWriter out = spec.commandLine().getOut();
      write(out, pairs, corpus);
      out.flush();
      return;
    }
    Path target = output.toAbsolutePath();
    Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        write(out, pairs, corpus);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void write(Writer out, List<ParaphrasePair> pairs, Corpus corpus) throws IOException {
    for (ParaphrasePair p : pairs) {
      out.write(
          String.format(
              Locale.ROOT,
              "%.6f\t%s\t%s",
              p.score(),
              corpus.ids.get(p.first()),
              corpus.ids.get(p.second())));
      if (withText) {
        out.write('\t');
        out.write(oneLine(corpus.texts.get(p.first())));
        out.write('\t');
        out.write(oneLine(corpus.texts.get(p.second())));
      }
      out.write('\n');
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\t\\r\\n]+", " ");
  }
}
