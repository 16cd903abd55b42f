package io.semsearch.web.bench;

import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.encoder.builtin.DefaultModel;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.testing.TestModels;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.CorpusIndexer;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.input.CorpusReader;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.web.SearchServer;
import io.semsearch.web.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Serves a small index for load tests ({@code scripts/bench-web.sh}): indexes a corpus (unless the
 * index exists), starts the server, runs until killed.
 *
 * <pre>BenchmarkServer CORPUS INDEX_DIR PORT WORKERS</pre>
 *
 * <p>{@code -Dsemsearch.bench.batchSize=N} overrides the encoder's batch size, {@code
 * -Dsemsearch.bench.intraOp=N} its intra-op threads per worker (default 1), {@code
 * -Dsemsearch.bench.queryCache=N} the server's query cache (default 0: every search embeds its
 * query).
 */
public final class BenchmarkServer {

  private BenchmarkServer() {}

  /** The defaults; {@code -Dsemsearch.bench.forceMerge=true} merges the index to one segment. */
  private static IndexSettings indexSettings() {
    IndexSettings defaults = IndexSettings.defaults();
    return defaults.withMerging(
        defaults.mergeThreads(), Boolean.getBoolean("semsearch.bench.forceMerge"));
  }

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    Path indexDir = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    int workers = Integer.parseInt(args[3]);
    EncoderOptions options =
        EncoderOptions.defaults()
            .withDevice(DeviceSpec.parse("cpu"))
            .withThreads(workers, Integer.getInteger("semsearch.bench.intraOp", 1))
            .withBatchSize(Integer.getInteger("semsearch.bench.batchSize", 0)) // 0: the default
            .withPrecision(
                Precision.parse(System.getProperty("semsearch.bench.precision", "fp32")));
    try (SentenceEncoder encoder =
        SentenceEncoders.open(TestModels.defaultModelFolder(), DefaultModel.ID, options)) {
      if (!Files.isDirectory(indexDir)) {
        try (CorpusIndexer indexer = new CorpusIndexer(indexDir, encoder, indexSettings());
            CorpusReader reader = CorpusReader.open(corpus)) {
          indexer.index(reader, IndexProgress.NONE);
        }
      }
      try (SearchBackend backend = LuceneSearchBackend.openReadOnly(indexDir, encoder);
          SearchServer server =
              SearchServer.start(
                  // no query cache unless asked: the benchmark measures embedding each query
                  ServerConfig.defaults()
                      .withPort(port)
                      .withQueryCacheSize(Integer.getInteger("semsearch.bench.queryCache", 0)),
                  backend,
                  encoder,
                  SentenceEncoders.similarityKernel(DeviceSpec.CPU))) {
        System.out.println("ready on port " + server.port());
        new CountDownLatch(1).await();
      }
    }
  }
}
