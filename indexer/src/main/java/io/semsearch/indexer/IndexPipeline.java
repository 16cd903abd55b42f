package io.semsearch.indexer;

import io.semsearch.index.IndexDirectory;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexSettings;
import io.semsearch.indexer.DocumentPreparer.Embedded;
import io.semsearch.indexer.DocumentPreparer.NothingToEmbed;
import io.semsearch.indexer.DocumentPreparer.ToEmbed;
import io.semsearch.indexer.DocumentPreparer.Unchanged;
import io.semsearch.indexer.input.BadRecord;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.DocumentStoredFieldVisitor;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a corpus through the encoder into an index, in three stages.
 *
 * <ol>
 *   <li>A reader thread reads records, skips bad ones (counted by reason), and prepares each
 *       document ({@link DocumentPreparer}): unchanged ones, as the index was at the start, are
 *       counted and dropped, new or changed ones are split into passages.
 *   <li>The calling thread gathers documents until about {@value #PASSAGES_PER_ENCODE} passages are
 *       waiting (or none is left waiting) and embeds them in one encoder call.
 *   <li>A writer thread replaces each document's block by id, inserting vectors into the HNSW graph
 *       while the next group is embedded, and commits every {@link IndexSettings#commitEvery()}
 *       documents.
 * </ol>
 *
 * <p>The stages talk through small bounded queues of typed messages, each queue ending with its own
 * end-of-stream message, so memory stays flat whatever the corpus size. The first failure of any
 * stage wins: the others stop taking work (the reader is drained so that it cannot block), the
 * index is rolled back to its last commit and the failure is thrown. With {@link
 * IndexSettings#deleteMissing()} the reader marks, one bit per Lucene doc of the index as it was,
 * every document the corpus still has; the unmarked ones are deleted before the final commit.
 *
 * <p>An id read twice in one run is a repeat: the later document replaces the earlier one (it is
 * always written, so the last one wins even when the earlier one was new and the later one matches
 * the index as it was), is counted as replaced rather than indexed, and is warned about with both
 * locations. The reader keeps the id and location of every document read to find repeats (about a
 * hundred bytes a document).
 *
 * <p>One instance serves one run.
 */
final class IndexPipeline {

  // logs under the facade's name, which is what users configure
  private static final Logger LOG = LoggerFactory.getLogger(CorpusIndexer.class);
  private static final int PASSAGES_PER_ENCODE = 512;

  /** From the reader to the encoding stage. */
  private sealed interface ReadMessage {}

  /** A new or changed document, split. */
  private record DocumentRead(ToEmbed document) implements ReadMessage {}

  /** The reader is done: the corpus ended, or a stage failed. */
  private record EndOfCorpus() implements ReadMessage {}

  /** From the encoding stage to the writer. */
  private sealed interface EncodedMessage {}

  /** Documents embedded by one encoder call, in reading order. */
  private record EncodedBatch(List<Embedded> documents) implements EncodedMessage {}

  /** The encoding stage is done. */
  private record EndOfBatches() implements EncodedMessage {}

  private final BlockWriter output;
  private final DocumentPreparer preparer;
  private final IndexSettings settings;
  private final IndexProgress progress;
  private final Counters counters = new Counters();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final BlockingQueue<ReadMessage> read = new ArrayBlockingQueue<>(1024);
  private final BlockingQueue<EncodedMessage> encoded = new ArrayBlockingQueue<>(4);
  private final Map<String, String> firstLocations = new HashMap<>(); // reader thread only

  /**
   * @param output the index written; rolled back when the run fails
   * @param progress told of each document read and written
   */
  IndexPipeline(
      BlockWriter output,
      DocumentPreparer preparer,
      IndexSettings settings,
      IndexProgress progress) {
    this.output = output;
    this.preparer = preparer;
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Indexes every record of {@code records}, then commits.
   *
   * @throws IOException if reading, embedding or writing fails; the index is then rolled back to
   *     its last commit
   */
  IndexSummary run(Iterator<CorpusRecord> records) throws IOException {
    long start = System.nanoTime();
    try (DirectoryReader before = output.openLastCommit()) {
      // with deleteMissing: the documents of the index before this run that the corpus still has,
      // one bit per Lucene doc rather than a set of every id read (a large corpus has many)
      FixedBitSet seen =
          settings.deleteMissing() && before != null
              ? new FixedBitSet(Math.max(1, before.maxDoc()))
              : null;
      IndexSearcher lookup = before == null ? null : new IndexSearcher(before);
      runStages(records, lookup, seen);
      long commitStart = System.nanoTime();
      if (failure.get() == null && seen != null) {
        counters.deleted = deleteMissing(before, seen);
      }
      if (failure.get() != null) {
        output.rollback();
        throw Failures.asIOException(failure.get());
      }
      output.commit();
      if (settings.forceMerge()) {
        output.forceMergeAndCommit();
      }
      counters.commitNanos += System.nanoTime() - commitStart;
    }
    return counters.summary(System.nanoTime() - start, IndexDirectory.sizeOf(output.indexDir()));
  }

  /** Runs the three stages to their end, recording the first failure. */
  private void runStages(Iterator<CorpusRecord> records, IndexSearcher lookup, FixedBitSet seen) {
    Thread reader =
        Thread.ofPlatform()
            .name("semsearch-index-reader")
            .start(
                () -> {
                  try {
                    read(records, lookup, seen);
                  } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                  } finally {
                    putQuietly(read, new EndOfCorpus());
                  }
                });
    Thread writer = Thread.ofPlatform().name("semsearch-index-writer").start(this::write);
    try {
      embed();
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    } finally {
      putQuietly(encoded, new EndOfBatches());
      // After a failure the reader may be blocked on a full queue: drain it until it stops.
      while (failure.get() != null && reader.isAlive()) {
        read.clear();
        Thread.onSpinWait();
      }
    }
    join(reader);
    join(writer);
  }

  /** The reader stage: reads, counts and prepares records until the corpus ends or a failure. */
  private void read(Iterator<CorpusRecord> records, IndexSearcher lookup, FixedBitSet seen)
      throws IOException, InterruptedException {
    while (failure.get() == null && records.hasNext()) {
      CorpusRecord record = records.next();
      switch (record) {
        case BadRecord bad -> {
          LOG.warn("skipped {}", bad.message());
          counters.skip(bad.reason().name());
        }
        case CorpusDocument doc -> {
          counters.read++;
          String first = firstLocations.putIfAbsent(doc.id(), doc.location());
          // a repeat is compared with nothing: it must replace the earlier document of this run
          switch (preparer.prepare(doc.toIndexDocument(), first == null ? lookup : null, seen)) {
            case Unchanged unchanged -> {
              counters.unchanged++;
              progress.documentRead(false);
            }
            case NothingToEmbed empty -> {
              LOG.warn("skipped {}: no text left to embed", doc.location());
              counters.skip(BadRecord.Reason.EMPTY_TEXT.name());
            }
            case ToEmbed pending -> {
              if (first != null) {
                LOG.warn(
                    "duplicate id '{}' at {} (first at {}): it replaces the earlier document",
                    doc.id(),
                    doc.location(),
                    first);
                counters.replaced++;
              }
              progress.documentRead(true);
              read.put(new DocumentRead(pending));
            }
          }
        }
      }
    }
  }

  /**
   * The encoding stage, on the calling thread: groups documents until enough passages wait or the
   * queue is empty, embeds each group in one call and hands it to the writer.
   */
  private void embed() throws InterruptedException {
    List<ToEmbed> group = new ArrayList<>();
    int passages = 0;
    while (failure.get() == null) {
      ReadMessage next = group.isEmpty() ? read.take() : read.poll();
      boolean full = passages >= PASSAGES_PER_ENCODE;
      if (next instanceof DocumentRead(ToEmbed doc)) {
        group.add(doc);
        passages += doc.passages().size();
      }
      if (next instanceof DocumentRead && !full) {
        continue;
      }
      // the queue is empty, the corpus ended, or the group is big enough
      if (!group.isEmpty()) {
        long encodeStart = System.nanoTime();
        List<Embedded> batch = preparer.embed(group);
        counters.encodeNanos += System.nanoTime() - encodeStart;
        encoded.put(new EncodedBatch(batch));
        group = new ArrayList<>();
        passages = 0;
      }
      if (next instanceof EndOfCorpus) {
        return;
      }
    }
  }

  /**
   * The writer stage: writes batches until the end message; after a failure (its own or another
   * stage's) it only drains the queue.
   */
  private void write() {
    long sinceCommit = 0;
    while (true) {
      switch (takeQuietly(encoded)) {
        case EndOfBatches end -> {
          return;
        }
        case EncodedBatch batch -> {
          if (failure.get() != null) {
            continue;
          }
          try {
            for (Embedded doc : batch.documents()) {
              long writeStart = System.nanoTime();
              output.update(doc);
              counters.writeNanos += System.nanoTime() - writeStart;
              counters.indexed++;
              counters.passages += doc.passages();
              progress.documentWritten(doc.passages());
              if (++sinceCommit >= settings.commitEvery()) {
                long commitStart = System.nanoTime();
                output.commit();
                counters.commitNanos += System.nanoTime() - commitStart;
                sinceCommit = 0;
              }
            }
          } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
          }
        }
      }
    }
  }

  /**
   * Deletes the live documents of {@code reader} (the index before this run) not marked in {@code
   * seen}.
   */
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
      for (int doc = postings.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = postings.nextDoc()) {
        if ((live == null || live.get(doc)) && !seen.get(leaf.docBase + doc)) {
          DocumentStoredFieldVisitor id = new DocumentStoredFieldVisitor(IndexFields.DOC_ID);
          stored.document(doc, id);
          output.delete(id.getDocument().get(IndexFields.DOC_ID));
          deleted++;
        }
      }
    }
    return deleted;
  }

  private static <T> void putQuietly(BlockingQueue<T> queue, T message) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          queue.put(message);
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

  private static <T> T takeQuietly(BlockingQueue<T> queue) {
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

  /** Counts shared by the three stages; each field has a single writer thread at a time. */
  private static final class Counters {
    volatile long read;
    volatile long indexed;
    volatile long unchanged;
    volatile long deleted;
    volatile long replaced;
    volatile long passages;
    volatile long encodeNanos;
    volatile long writeNanos;
    volatile long commitNanos;
    private final Map<String, Long> skipped = new TreeMap<>();

    synchronized void skip(String reason) {
      skipped.merge(reason, 1L, Long::sum);
    }

    synchronized IndexSummary summary(long nanos, long indexBytes) {
      // every repeat was written once, and counts as replaced rather than indexed
      return new IndexSummary(
          read,
          indexed - replaced,
          unchanged,
          replaced,
          deleted,
          passages,
          new TreeMap<>(skipped),
          nanos / 1e9,
          encodeNanos / 1e9,
          writeNanos / 1e9,
          commitNanos / 1e9,
          indexBytes);
    }
  }
}
