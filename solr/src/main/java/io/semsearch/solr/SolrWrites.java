package io.semsearch.solr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.IndexWrites;
import io.semsearch.index.WriteSummary;
import io.semsearch.indexer.ContentHash;
import io.semsearch.indexer.passage.Passage;
import io.semsearch.indexer.passage.PassageSplitter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * The write side of a semsearch collection: {@link IndexWrites} over SolrCloud, for the feeder and
 * for a server's write API.
 *
 * <p>Strategy: a batch first reads the stored content hashes of its documents (real-time get, so
 * also of writes not yet committed) and embeds only the new or changed ones, with the local
 * indexer's passage splitter and content hash ({@link PassageSplitter#forIndex}, {@link
 * ContentHash}), so a collection and a local index fed the same corpus hold the same passages. Each
 * document goes as one block: the parent with its passages as child documents; sending a block
 * again replaces the whole previous block. Updates are sent in requests of at most {@value
 * #MAX_PASSAGES_PER_REQUEST} passages and retried on transient failures ({@link Retrying}), which
 * is safe because every update replaces or deletes by key. Calls are serialized.
 */
public final class SolrWrites implements IndexWrites {

  /** Ids read in one real-time get at most. */
  static final int MAX_KEYS_PER_GET = 500;

  /** URL-encoded characters of ids in one real-time get at most: under Jetty's 8 KiB URI. */
  static final int MAX_KEY_CHARS_PER_GET = 6000;

  /** Passages (vectors) sent in one update request at most. */
  static final int MAX_PASSAGES_PER_REQUEST = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SolrCollection collection;
  private final SentenceEncoder encoder;
  private final PassageSplitter splitter;
  private final IndexMetadata build;
  private volatile String writeFailure;

  private SolrWrites(
      SolrCollection collection,
      SentenceEncoder encoder,
      PassageSplitter splitter,
      IndexMetadata build) {
    this.collection = collection;
    this.encoder = encoder;
    this.splitter = splitter;
    this.build = build;
  }

  /**
   * Writes to {@code collection} with {@code encoder}'s model, creating the collection with {@code
   * layout} when it is missing. The caller keeps the collection and the encoder.
   *
   * @throws IllegalArgumentException if the collection was built with another model or settings
   */
  public static SolrWrites open(
      SolrCollection collection,
      SentenceEncoder encoder,
      IndexSettings settings,
      CollectionLayout layout)
      throws IOException {
    IndexMetadata build = collection.create(encoder.model(), settings, layout);
    return new SolrWrites(
        collection,
        encoder,
        PassageSplitter.forIndex(encoder, build.passageOverlapTokens()),
        build);
  }

  /** How the collection is built. */
  public IndexMetadata build() {
    return build;
  }

  @Override
  public synchronized WriteSummary upsert(List<IndexDocument> documents) throws IOException {
    WriteSummary summary = write(documents);
    commit();
    return summary;
  }

  /**
   * As {@link #upsert(List)} without the commit: the feeder commits once every so many documents.
   */
  synchronized WriteSummary write(List<IndexDocument> documents) throws IOException {
    long start = System.nanoTime();
    // the last copy of an id wins, as it would when the copies came one after the other
    Map<String, IndexDocument> byId = new LinkedHashMap<>();
    for (IndexDocument d : documents) {
      byId.remove(d.id());
      byId.put(d.id(), d);
    }
    Map<String, String> stored = storedHashes(byId.keySet());
    List<IndexDocument> changed = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    List<List<Passage>> split = new ArrayList<>();
    long unchanged = 0;
    for (IndexDocument d : byId.values()) {
      String hash = ContentHash.of(d.title(), d.text(), d.metadata());
      if (hash.equals(stored.get(d.id()))) {
        unchanged++;
        continue;
      }
      List<Passage> passages = splitter.split(d.text());
      if (passages.isEmpty()) {
        continue;
      }
      changed.add(d);
      hashes.add(hash);
      split.add(passages);
    }
    long passages = send(changed, hashes, split);
    return new WriteSummary(changed.size(), unchanged, passages, (System.nanoTime() - start) / 1e9);
  }

  private long send(List<IndexDocument> docs, List<String> hashes, List<List<Passage>> split)
      throws IOException {
    List<String> texts = new ArrayList<>();
    split.forEach(ps -> ps.forEach(p -> texts.add(p.text())));
    // with the model's document prompt, if any; one call, which the encoder batches
    float[][] vectors = texts.isEmpty() ? new float[0][] : encoder.encodeDocuments(texts);
    List<SolrInputDocument> request = new ArrayList<>();
    int inRequest = 0;
    int v = 0;
    for (int i = 0; i < docs.size(); i++) {
      List<Passage> passages = split.get(i);
      float[][] own = new float[passages.size()][];
      for (int p = 0; p < own.length; p++) {
        own[p] = vectors[v++];
      }
      request.add(block(docs.get(i), hashes.get(i), passages, own));
      inRequest += passages.size();
      if (inRequest >= MAX_PASSAGES_PER_REQUEST) {
        sendAdds(request);
        request = new ArrayList<>();
        inRequest = 0;
      }
    }
    if (!request.isEmpty()) {
      sendAdds(request);
    }
    return texts.size();
  }

  private void sendAdds(List<SolrInputDocument> blocks) throws IOException {
    UpdateRequest update = new UpdateRequest();
    update.add(blocks);
    guarded(
        "sending " + blocks.size() + " documents to " + collection.location(),
        () -> update.process(collection.client(), collection.name()));
  }

  /** The parent with its passages as children, as {@link IndexFields} names them. */
  static SolrInputDocument block(
      IndexDocument d, String hash, List<Passage> passages, float[][] vectors) {
    SolrInputDocument parent = new SolrInputDocument();
    parent.setField(SolrFields.KEY, SolrFields.documentKey(d.id()));
    parent.setField(IndexFields.DOC_ID, d.id());
    parent.setField(IndexFields.TYPE, IndexFields.TYPE_DOC);
    if (d.title() != null) {
      parent.setField(IndexFields.TITLE, d.title());
    }
    parent.setField(IndexFields.TEXT, d.text());
    parent.setField(IndexFields.CONTENT_HASH, hash);
    parent.setField(IndexFields.PASSAGE_COUNT, passages.size());
    if (!d.metadata().isEmpty()) {
      try {
        parent.setField(IndexFields.METADATA_JSON, JSON.writeValueAsString(d.metadata()));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "document " + d.id() + ": metadata can't be written as JSON", e);
      }
    }
    addMetadata(parent, d.metadata());
    List<SolrInputDocument> children = new ArrayList<>(passages.size());
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      SolrInputDocument child = new SolrInputDocument();
      child.setField(SolrFields.KEY, SolrFields.passageKey(d.id(), i));
      child.setField(IndexFields.DOC_ID, d.id());
      child.setField(IndexFields.TYPE, IndexFields.TYPE_PASSAGE);
      List<Float> vector = new ArrayList<>(vectors[i].length);
      for (float x : vectors[i]) {
        vector.add(x);
      }
      child.setField(IndexFields.VECTOR, vector);
      child.setField(IndexFields.PASSAGE_TEXT, p.text());
      child.setField(IndexFields.PASSAGE_INDEX, i);
      child.setField(IndexFields.PASSAGE_START, p.start());
      child.setField(IndexFields.PASSAGE_END, p.end());
      addMetadata(child, d.metadata());
      children.add(child);
    }
    parent.setField(SolrFields.PASSAGES, children);
    return parent;
  }

  private static void addMetadata(SolrInputDocument doc, Map<String, Object> metadata) {
    metadata.forEach(
        (name, value) -> {
          doc.setField(IndexFields.META_PREFIX + name, value.toString());
          if (value instanceof Number n) {
            doc.setField(IndexFields.NUMERIC_PREFIX + name, n.doubleValue());
          }
        });
  }

  /** The stored content hash of each of {@code ids} that the collection holds. */
  Map<String, String> storedHashes(Collection<String> ids) throws IOException {
    Map<String, String> hashes = new HashMap<>();
    List<String> keys = ids.stream().map(SolrFields::documentKey).toList();
    ModifiableSolrParams fields = new ModifiableSolrParams();
    fields.set("fl", IndexFields.DOC_ID + "," + IndexFields.CONTENT_HASH);
    for (List<String> chunk : urlSized(keys, MAX_KEY_CHARS_PER_GET)) {
      SolrDocumentList docs =
          guarded(
              "reading content hashes from " + collection.location(),
              () -> collection.client().getById(collection.name(), chunk, fields));
      for (SolrDocument doc : docs) {
        hashes.put(
            String.valueOf(doc.getFirstValue(IndexFields.DOC_ID)),
            String.valueOf(doc.getFirstValue(IndexFields.CONTENT_HASH)));
      }
    }
    return hashes;
  }

  /**
   * {@code keys} cut into runs of at most {@value #MAX_KEYS_PER_GET} keys and {@code maxChars}
   * URL-encoded characters (a key longer than that alone): a real-time get sends its ids in the
   * URL, which Solr's Jetty refuses past 8 KiB (414 URI Too Long).
   */
  static List<List<String>> urlSized(List<String> keys, int maxChars) {
    List<List<String>> chunks = new ArrayList<>();
    int from = 0;
    int chars = 0;
    for (int i = 0; i < keys.size(); i++) {
      int length = URLEncoder.encode(keys.get(i), StandardCharsets.UTF_8).length() + 3; // %2C
      if (i > from && (i - from >= MAX_KEYS_PER_GET || chars + length > maxChars)) {
        chunks.add(keys.subList(from, i));
        from = i;
        chars = 0;
      }
      chars += length;
    }
    if (from < keys.size()) {
      chunks.add(keys.subList(from, keys.size()));
    }
    return chunks;
  }

  @Override
  public synchronized long delete(Collection<String> ids) throws IOException {
    Collection<String> distinct = new LinkedHashSet<>(ids);
    long present = storedHashes(distinct).size();
    if (present == 0) {
      return 0;
    }
    deleteBlocks(distinct);
    commit();
    return present;
  }

  /** Deletes the blocks (document and passages) of {@code ids}, without a commit. */
  synchronized void deleteBlocks(Collection<String> ids) throws IOException {
    List<String> all = List.copyOf(ids);
    for (int from = 0; from < all.size(); from += 200) {
      UpdateRequest update = new UpdateRequest();
      for (String id : all.subList(from, Math.min(all.size(), from + 200))) {
        // the term parser takes the rest of the string as the term, whatever it holds
        update.deleteByQuery("{!term f=" + SolrFields.ROOT + "}" + SolrFields.documentKey(id));
      }
      guarded(
          "deleting documents from " + collection.location(),
          () -> update.process(collection.client(), collection.name()));
    }
  }

  /** Makes every write so far visible to searches. */
  synchronized void commit() throws IOException {
    guarded(
        "committing " + collection.location(),
        () -> collection.client().commit(collection.name(), true, true));
  }

  private <T> T guarded(String what, Retrying.Call<T> call) throws IOException {
    try {
      T result = collection.retrying().run(what, call);
      writeFailure = null;
      return result;
    } catch (IOException e) {
      writeFailure = e.getMessage();
      throw e;
    }
  }

  @Override
  public Optional<String> writeFailure() {
    return Optional.ofNullable(writeFailure);
  }

  /** Closes nothing: the caller keeps the collection and the encoder. */
  @Override
  public void close() {}
}
