package io.semsearch.cli;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.UpsertSession;
import io.semsearch.searcher.LuceneSearchBackend;
import io.semsearch.searcher.SearchBackend;
import io.semsearch.solr.CollectionLayout;
import io.semsearch.solr.SolrCollection;
import io.semsearch.solr.SolrSearchBackend;
import io.semsearch.solr.SolrWrites;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a command's index is: a local folder ({@code --index DIR}) or a collection of a SolrCloud
 * cluster ({@code --solr URL --collection NAME}). Commands open it as a {@link SearchBackend} and
 * never look at which one it is.
 */
final class IndexTarget {

  @Option(names = "--index", paramLabel = "DIR", description = "Index folder.")
  Path index;

  @Option(
      names = "--solr",
      paramLabel = "URL",
      description =
          "SolrCloud instead of an index folder: a node's URL (http://HOST:8983/solr), or several"
              + " comma-separated; with --collection.")
  String solr;

  @Option(
      names = "--collection",
      paramLabel = "NAME",
      description = "The SolrCloud collection (with --solr).")
  String collection;

  /**
   * Checks that exactly one place was given.
   *
   * @throws IllegalArgumentException naming the options otherwise
   */
  void validate() {
    if (index != null && (solr != null || collection != null)) {
      throw new IllegalArgumentException("give either --index DIR or --solr URL --collection NAME");
    }
    if (index == null && (solr == null || collection == null)) {
      throw new IllegalArgumentException(
          solr == null && collection == null
              ? "give --index DIR, or --solr URL with --collection NAME"
              : "--solr and --collection go together");
    }
  }

  boolean isSolr() {
    return solr != null;
  }

  /** The place in words: the folder, or the URL and collection. */
  String location() {
    return isSolr() ? solr + " collection " + collection : index.toString();
  }

  /** A connection to the collection; the caller closes it. */
  SolrCollection connect() {
    return SolrCollection.connect(solr, collection);
  }

  /** The encoder: {@code --model}, or else the model the index or collection was built with. */
  SentenceEncoder openEncoder(EncoderArgs encoder) throws IOException {
    validate();
    if (!isSolr()) {
      return encoder.openForIndex(index);
    }
    IndexMetadata existing;
    try (SolrCollection c = connect()) {
      existing = c.exists() ? c.build() : null;
    }
    return encoder.openFor(existing);
  }

  /** The index for searching only. */
  SearchBackend openReadOnly(SentenceEncoder encoder) throws IOException {
    validate();
    return isSolr()
        ? SolrSearchBackend.open(connect(), encoder, null)
        : LuceneSearchBackend.openReadOnly(index, encoder);
  }

  /** The index for searching and writing (a server's write API). */
  SearchBackend openWritable(SentenceEncoder encoder) throws IOException {
    validate();
    if (!isSolr()) {
      return LuceneSearchBackend.open(index, encoder, new UpsertSession(index, encoder));
    }
    SolrCollection c = connect();
    try {
      IndexMetadata build = c.exists() ? c.build() : null;
      SolrWrites writes =
          build == null
              ? null
              : SolrWrites.open(
                  c,
                  encoder,
                  IndexSettings.defaults().withBuildSettingsOf(build),
                  CollectionLayout.DEFAULT);
      return SolrSearchBackend.open(c, encoder, writes);
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }
}
