package io.semsearch.solr;

import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexFields;
import io.semsearch.index.WriteSummary;
import io.semsearch.indexer.IndexProgress;
import io.semsearch.indexer.IndexSummary;
import io.semsearch.indexer.input.BadRecord;
import io.semsearch.indexer.input.CorpusDocument;
import io.semsearch.indexer.input.CorpusRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.solr.client.solrj.SolrQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a corpus into a collection: {@code ./semsearch index --solr URL --collection NAME}.
 *
 * <p>Strategy: records are read in batches of {@code batchSize} documents; each batch goes through
 * {@link SolrWrites#write} (content-hash skip, embedding, update requests retried on transient
 * failures), and the collection is committed every {@code commitEvery} documents and at the end. A
 * repeated id in the corpus replaces the earlier document, as locally. With {@code deleteMissing},
 * the ids of every document of the collection are then listed (cursor paging) and those not read
 * from the corpus are deleted. Every step replaces or deletes by key, so a killed feed run again
 * converges to exactly the corpus, embedding only what the collection lacks.
 */
public final class SolrFeed {

  private static final Logger LOG = LoggerFactory.getLogger(SolrFeed.class);

  private final SolrWrites writes;
  private final SolrCollection collection;
  private final int batchSize;
  private final int commitEvery;
  private final boolean deleteMissing;

  /**
   * @param batchSize documents embedded and sent together
   * @param commitEvery documents between commits
   * @param deleteMissing whether documents of the collection absent from the corpus are deleted
   */
  public SolrFeed(
      SolrCollection collection,
      SolrWrites writes,
      int batchSize,
      int commitEvery,
      boolean deleteMissing) {
    if (batchSize < 1 || commitEvery < 1) {
      throw new IllegalArgumentException(
          "batch size and commit interval must be at least 1, got: "
              + batchSize
              + ", "
              + commitEvery);
    }
    this.collection = collection;
    this.writes = writes;
    this.batchSize = batchSize;
    this.commitEvery = commitEvery;
    this.deleteMissing = deleteMissing;
  }

  /** Feeds every record of {@code records}, then commits. */
  public IndexSummary run(Iterator<CorpusRecord> records, IndexProgress progress)
      throws IOException {
    long start = System.nanoTime();
    Set<String> seen = new HashSet<>();
    Map<String, Long> skipped = new TreeMap<>();
    Map<String, IndexDocument> batch = new LinkedHashMap<>();
    long read = 0;
    long replaced = 0;
    long sinceCommit = 0;
    long[] totals = new long[3]; // indexed, unchanged, passages
    double writeSeconds = 0;
    while (records.hasNext()) {
      CorpusRecord record = records.next();
      if (record instanceof BadRecord bad) {
        LOG.warn("skipped {}", bad.message());
        skipped.merge(bad.reason().name(), 1L, Long::sum);
        continue;
      }
      CorpusDocument doc = (CorpusDocument) record;
      read++;
      if (!seen.add(doc.id())) {
        replaced++;
      }
      batch.remove(doc.id());
      batch.put(doc.id(), doc.toIndexDocument());
      if (batch.size() >= batchSize) {
        writeSeconds += send(batch, totals, progress);
        sinceCommit += batchSize;
        if (sinceCommit >= commitEvery) {
          writes.commit();
          sinceCommit = 0;
        }
      }
    }
    writeSeconds += send(batch, totals, progress);
    long commitStart = System.nanoTime();
    long deleted = deleteMissing ? deleteAllBut(seen) : 0;
    writes.commit();
    double commitSeconds = (System.nanoTime() - commitStart) / 1e9;
    return new IndexSummary(
        read,
        totals[0],
        totals[1],
        replaced,
        deleted,
        totals[2],
        skipped,
        (System.nanoTime() - start) / 1e9,
        0,
        writeSeconds,
        commitSeconds,
        0);
  }

  private double send(Map<String, IndexDocument> batch, long[] totals, IndexProgress progress)
      throws IOException {
    if (batch.isEmpty()) {
      return 0;
    }
    WriteSummary s = writes.write(new ArrayList<>(batch.values()));
    totals[0] += s.indexed();
    totals[1] += s.unchanged();
    totals[2] += s.passages();
    for (int i = 0; i < s.unchanged(); i++) {
      progress.documentRead(false);
    }
    for (int i = 0; i < s.indexed(); i++) {
      progress.documentRead(true);
      progress.documentWritten((int) (s.passages() / Math.max(1, s.indexed())));
    }
    batch.clear();
    return s.seconds();
  }

  /** Deletes the documents of the collection whose ids are not in {@code keep}. */
  private long deleteAllBut(Set<String> keep) throws IOException {
    List<String> missing = new ArrayList<>();
    for (String id : documentIds()) {
      if (!keep.contains(id)) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      writes.deleteBlocks(missing);
    }
    return missing.size();
  }

  /** The ids of every document of the collection, as committed and visible now. */
  List<String> documentIds() throws IOException {
    writes.commit();
    List<String> ids = new ArrayList<>();
    SolrQuery q = new SolrQuery("*:*");
    q.addFilterQuery(SolrFields.documents());
    q.setFields(IndexFields.DOC_ID);
    SolrCursor.forEach(
        collection,
        q,
        "listing the documents",
        d -> ids.add((String) d.getFirstValue(IndexFields.DOC_ID)));
    return ids;
  }
}
