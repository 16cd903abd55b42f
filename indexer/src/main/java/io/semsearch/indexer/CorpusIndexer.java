package io.semsearch.indexer;

import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexQueries;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.SettingsConflict;
import io.semsearch.index.SettingsConflictException;
import io.semsearch.indexer.input.BadRecord;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import io.semsearch.indexer.passage.Passage;
import io.semsearch.indexer.passage.PassageSettings;
import io.semsearch.indexer.passage.PassageSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a corpus through the encoder into a Lucene index of passage vectors.
 *
 * <p>Strategy:
 *
 * <ol>
 *   <li>A reader thread reads records, skips bad ones (counted by reason), hashes each document's
 *       content and looks it up in the index as it was at the start: unchanged documents are not
 *       embedded again. New or changed documents are split into passages that fit the model.
 *   <li>The calling thread gathers documents until a few hundred passages are waiting and embeds
 *       them in one call (the encoder sorts them by length and batches them on its workers).
 *   <li>A writer thread replaces each document's block ({@code updateDocuments} by id, so no
 *       document is ever duplicated), inserting vectors into the HNSW graph while the next group is
 *       embedded, and commits every {@link IndexSettings#commitEvery()} documents.
 * </ol>
 *
 * <p>The stages talk through small bounded queues, so memory stays flat whatever the corpus size.
 * Lucene commits are atomic: a run killed at any moment leaves the index as of its last commit,
 * and running the same command again embeds only what that commit lacks. A failed run rolls back
 * to the last commit; nothing half-written is ever committed.
 */
public final class CorpusIndexer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);
  private static final int PASSAGES_PER_ENCODE = 512;
  private static final Object END = new Object();

  private final Path indexDir;
  private final SentenceEncoder encoder;
  private final IndexSettings settings;
  private final IndexMetadata metadata;
  private final Directory directory;
  private final IndexWriter writer;
  private final ExecutorService mergeExecutor;
  private final PassageSplitter splitter;

  /** A document read, hashed and split, waiting to be embedded. */
  private record Pending(CorpusDocument document, String hash, List<Passage> passages) {}

  /** A document ready to be written. */
  private record Embedded(String id, List<Document> block, int passages) {}

  /**
   * Opens (or creates) the index in {@code indexDir} for writing with {@code encoder}'s model.
   *
   * @throws IllegalArgumentException if the index was built with another model, naming both
   * @throws SettingsConflictException if the index was built with other settings (HNSW,
   *     quantization, passage overlap), naming them
   * @throws IOException if the index can't be opened, naming the folder
   */
  public CorpusIndexer(Path indexDir, SentenceEncoder encoder, IndexSettings settings) throws IOException {
    this.indexDir = Objects.requireNonNull(indexDir, "indexDir");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.settings = Objects.requireNonNull(settings, "settings");
    IndexMetadata existing = IndexDirectory.readMetadata(indexDir);
    if (existing != null) {
      existing.requireSameModel(encoder.model());
      SettingsConflict conflict = SettingsConflict.between(existing, settings);
      if (!conflict.isEmpty()) {
        throw new SettingsConflictException(indexDir, conflict);
      }
    }
    this.metadata = IndexMetadata.of(encoder.model(), settings);
    this.splitter = new PassageSplitter(encoder::countTokens,
        new PassageSettings(encoder.maxSeqLength(), Math.min(settings.passageOverlapTokens(), encoder.maxSeqLength() / 4)));
    Files.createDirectories(indexDir);
    this.mergeExecutor = settings.mergeThreads() > 1 ? Executors.newFixedThreadPool(settings.mergeThreads(), namedThreads("semsearch-hnsw-merge")) : null;
    this.directory = FSDirectory.open(indexDir);
    try {
      this.writer = new IndexWriter(directory, IndexDirectory.writerConfig(settings, mergeExecutor));
    } catch (IOException | RuntimeException e) {
      directory.close();
      if (mergeExecutor != null) {
        mergeExecutor.shutdownNow();
      }
      throw new IOException(indexDir + ": can't open the index for writing (" + e.getMessage() + ")", e);
    }
  }

  /** The metadata this indexer writes with every commit. */
  public IndexMetadata metadata() {
    return metadata;
  }

  /**
   * Indexes every record of {@code records}, then commits.
   *
   * @param progress told of each document read and written; may be {@link IndexProgress#NONE}
   * @throws IOException if reading, embedding or writing fails; the index is then rolled back to its
   *     last commit
   */
  public IndexSummary index(Iterator<CorpusRecord> records, IndexProgress progress) throws IOException {
    long start = System.nanoTime();
    Counters counters = new Counters();
    BlockingQueue<Object> pending = new ArrayBlockingQueue<>(1024);
    BlockingQueue<Object> embedded = new ArrayBlockingQueue<>(4);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    DirectoryReader before = DirectoryReader.indexExists(directory) ? DirectoryReader.open(directory) : null;
    // with --delete-missing: the documents of the index before this run that the corpus still has,
    // one bit per Lucene doc rather than a set of every id read (a large corpus has many)
    FixedBitSet seen = settings.deleteMissing() && before != null ? new FixedBitSet(Math.max(1, before.maxDoc())) : null;
    try {
      IndexSearcher lookup = before == null ? null : new IndexSearcher(before);
      Thread readerThread = Thread.ofPlatform().name("semsearch-index-reader").start(() -> {
        try {
          read(records, lookup, seen, pending, counters, progress, failure);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        } finally {
          putQuietly(pending, END);
        }
      });
      Thread writerThread = Thread.ofPlatform().name("semsearch-index-writer").start(() -> write(embedded, counters, progress, failure));
      try {
        embed(pending, embedded, failure, counters);
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      } finally {
        putQuietly(embedded, END);
        // After a failure the reader may be blocked on a full queue: drain it until it stops.
        while (failure.get() != null && readerThread.isAlive()) {
          pending.clear();
          Thread.onSpinWait();
        }
      }
      join(readerThread);
      join(writerThread);
      long commitStart = System.nanoTime();
      if (failure.get() == null && seen != null) {
        counters.deleted = deleteMissing(before, seen);
      }
      if (failure.get() != null) {
        writer.rollback();
        throw asIOException(failure.get());
      }
      commit();
      if (settings.forceMerge()) {
        writer.forceMerge(1);
        commit();
      }
      counters.commitNanos += System.nanoTime() - commitStart;
    } finally {
      if (before != null) {
        before.close();
      }
    }
    return new IndexSummary(
        counters.read, counters.indexed, counters.unchanged, counters.deleted, counters.passages,
        counters.skippedByReason(), (System.nanoTime() - start) / 1e9, counters.encodeNanos / 1e9,
        counters.writeNanos / 1e9, counters.commitNanos / 1e9, IndexDirectory.sizeOf(indexDir));
  }

  private void read(
      Iterator<CorpusRecord> records, IndexSearcher lookup, FixedBitSet seen, BlockingQueue<Object> pending,
      Counters counters, IndexProgress progress, AtomicReference<Throwable> failure) throws IOException, InterruptedException {
    while (failure.get() == null && records.hasNext()) {
      CorpusRecord record = records.next();
      if (record instanceof BadRecord bad) {
        LOG.warn("skipped {}", bad.message());
        counters.skip(bad.reason().name());
        continue;
      }
      CorpusDocument doc = (CorpusDocument) record;
      counters.read++;
      String hash = ContentHash.of(doc.title(), doc.text(), doc.metadata());
      if (lookup != null && hash.equals(storedHash(lookup, doc.id(), seen))) {
        counters.unchanged++;
        progress.documentRead(false);
        continue;
      }
      List<Passage> passages = splitter.split(doc.text());
      if (passages.isEmpty()) {
        LOG.warn("skipped {}: no text left to embed", doc.location());
        counters.skip(BadRecord.Reason.EMPTY_TEXT.name());
        continue;
      }
      progress.documentRead(true);
      pending.put(new Pending(doc, hash, passages));
    }
  }

  private void embed(
      BlockingQueue<Object> pending, BlockingQueue<Object> embedded, AtomicReference<Throwable> failure, Counters counters)
      throws InterruptedException {
    List<Pending> group = new ArrayList<>();
    int passages = 0;
    while (failure.get() == null) {
      Object next = group.isEmpty() ? pending.take() : pending.poll();
      if (next == null || next == END || passages >= PASSAGES_PER_ENCODE) {
        if (next != null && next != END) {
          group.add((Pending) next);
          passages += ((Pending) next).passages().size();
        }
        if (!group.isEmpty()) {
          long encodeStart = System.nanoTime();
          List<Embedded> ready = embedGroup(group);
          counters.encodeNanos += System.nanoTime() - encodeStart;
          embedded.put(ready);
          group = new ArrayList<>();
          passages = 0;
        }
        if (next == END) {
          return;
        }
        continue;
      }
      Pending p = (Pending) next;
      group.add(p);
      passages += p.passages().size();
    }
  }

  private List<Embedded> embedGroup(List<Pending> group) {
    List<String> texts = new ArrayList<>();
    for (Pending p : group) {
      for (Passage passage : p.passages()) {
        texts.add(passage.text());
      }
    }
    float[][] vectors = encoder.encodeDocuments(texts); // with the model's document prompt, if any
    List<Embedded> out = new ArrayList<>(group.size());
    int v = 0;
    for (Pending p : group) {
      List<DocumentBlock.EmbeddedPassage> passages = new ArrayList<>(p.passages().size());
      for (Passage passage : p.passages()) {
        passages.add(new DocumentBlock.EmbeddedPassage(passage.text(), passage.start(), passage.end(), vectors[v++]));
      }
      CorpusDocument d = p.document();
      List<Document> block = DocumentBlock.build(d.id(), d.title(), d.text(), d.metadata(), p.hash(), passages, metadata.similarity());
      out.add(new Embedded(d.id(), block, passages.size()));
    }
    return out;
  }

  /** Writes blocks until END; after a failure (its own or another stage's) it only drains the queue. */
  @SuppressWarnings("unchecked")
  private void write(BlockingQueue<Object> embedded, Counters counters, IndexProgress progress, AtomicReference<Throwable> failure) {
    long sinceCommit = 0;
    while (true) {
      Object next = takeQuietly(embedded);
      if (next == END) {
        return;
      }
      if (failure.get() != null) {
        continue;
      }
      try {
        for (Embedded e : (List<Embedded>) next) {
          long writeStart = System.nanoTime();
          writer.updateDocuments(new Term(IndexFields.DOC_ID, e.id()), e.block());
          counters.writeNanos += System.nanoTime() - writeStart;
          counters.indexed++;
          counters.passages += e.passages();
          progress.documentWritten(e.passages());
          if (++sinceCommit >= settings.commitEvery()) {
            long commitStart = System.nanoTime();
            commit();
            counters.commitNanos += System.nanoTime() - commitStart;
            sinceCommit = 0;
          }
        }
      } catch (IOException | RuntimeException e) {
        failure.compareAndSet(null, e);
      }
    }
  }

  /**
   * The content hash stored for document {@code id} before this run, or null if it had none; marks
   * its Lucene doc (every copy, should there be several) in {@code seen} when given.
   */
  private static String storedHash(IndexSearcher searcher, String id, FixedBitSet seen) throws IOException {
    TopDocs hits = searcher.search(IndexQueries.documentById(id), seen == null ? 1 : 16);
    if (hits.scoreDocs.length == 0) {
      return null;
    }
    if (seen != null) {
      for (ScoreDoc copy : hits.scoreDocs) {
        seen.set(copy.doc);
      }
    }
    ScoreDoc hit = hits.scoreDocs[0];
    return searcher.storedFields().document(hit.doc).get(IndexFields.CONTENT_HASH);
  }

  /** Deletes the live documents of {@code reader} (the index before this run) not marked in {@code seen}. */
  private long deleteMissing(DirectoryReader reader, FixedBitSet seen) throws IOException {
    long deleted = 0;
    Term docs = new Term(IndexFields.TYPE, IndexFields.TYPE_DOC);
    for (LeafReaderContext leaf : reader.leaves()) {
      PostingsEnum postings = leaf.reader().postings(docs, PostingsEnum.NONE);
      if (postings == null) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      StoredFields stored = leaf.reader().storedFields();
      for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
        if ((live == null || live.get(doc)) && !seen.get(leaf.docBase + doc)) {
          DocumentStoredFieldVisitor id = new DocumentStoredFieldVisitor(IndexFields.DOC_ID);
          stored.document(doc, id);
          writer.deleteDocuments(new Term(IndexFields.DOC_ID, id.getDocument().get(IndexFields.DOC_ID)));
          deleted++;
        }
      }
    }
    return deleted;
  }

  /**
   * Deletes documents (all their passages) by id and commits.
   *
   * @return how many of the ids were in the index
   */
  public long delete(Collection<String> ids) throws IOException {
    long found = IndexDirectory.deleteIds(directory, writer, ids);
    commit();
    return found;
  }

  private void commit() throws IOException {
    writer.setLiveCommitData(metadata.toUserData().entrySet());
    writer.commit();
  }

  private static void putQuietly(BlockingQueue<Object> queue, Object item) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          queue.put(item);
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Object takeQuietly(BlockingQueue<Object> queue) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return queue.take();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static IOException asIOException(Throwable t) {
    if (t instanceof UncheckedIOException unchecked) {
      return unchecked.getCause();
    }
    return t instanceof IOException io ? io : new IOException(t.getMessage(), t);
  }

  private static java.util.concurrent.ThreadFactory namedThreads(String prefix) {
    return Thread.ofPlatform().name(prefix + "-", 0).daemon(true).factory();
  }

  @Override
  public void close() throws IOException {
    try {
      writer.close();
    } finally {
      directory.close();
      if (mergeExecutor != null) {
        mergeExecutor.shutdownNow();
      }
    }
  }

  /** Counts shared by the three stages; each field has a single writer thread. */
  private static final class Counters {
    volatile long read;
    volatile long indexed;
    volatile long unchanged;
    volatile long deleted;
    volatile long passages;
    volatile long encodeNanos;
    volatile long writeNanos;
    volatile long commitNanos;
    private final Map<String, Long> skipped = new TreeMap<>();

    synchronized void skip(String reason) {
      skipped.merge(reason, 1L, Long::sum);
    }

    synchronized Map<String, Long> skippedByReason() {
      return new TreeMap<>(skipped);
    }
  }
}
