package io.semsearch.solr;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.ModelInfo;
import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.IndexSettings;
import io.semsearch.index.SettingsConflict;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudLegacySolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.HttpSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.request.CoreAdminRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.CoreAdminResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.util.ContentStreamBase;

/**
 * One semsearch collection of a SolrCloud cluster, reached over HTTP through SolrJ: the connection
 * (it owns the client) and what the collection records about how it was built.
 *
 * <p>{@link #create} makes a missing collection ready for feeding: it uploads semsearch's configset
 * (a managed schema with the base field types) when the cluster lacks it, creates the collection,
 * adds the semsearch fields through the Schema API ({@link SolrSchema}) and writes the build record
 * (model, fingerprint, dimension, similarity, passage and HNSW settings) as a document of its own.
 * On an existing collection it checks that record instead and refuses another model or other
 * settings, as a local index does.
 */
public final class SolrCollection implements Closeable {

  static final String CONFIGSET = "semsearch";

  private static final String CONFIGSET_FILES = "configset/";
  private static final List<String> CONFIGSET_NAMES =
      List.of("solrconfig.xml", "managed-schema.xml");

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Retrying QUICK = new Retrying(3, 100);

  private final CloudSolrClient client;
  private final String name;
  private final String location;
  private final Retrying retrying;

  private SolrCollection(CloudSolrClient client, String name, String location, Retrying retrying) {
    this.client = client;
    this.name = name;
    this.location = location;
    this.retrying = retrying;
  }

  /**
   * Connects to collection {@code name} of the cluster at {@code urls} (one or more Solr base URLs,
   * comma-separated, such as {@code http://localhost:8983/solr}); nothing is sent yet.
   *
   * @throws IllegalArgumentException if a URL or the name is malformed, naming it
   */
  public static SolrCollection connect(String urls, String name) {
    return connect(urls, name, Retrying.DEFAULT);
  }

  static SolrCollection connect(String urls, String name, Retrying retrying) {
    if (name == null || !name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(
          "collection name must be letters, digits, '_', '.' or '-', got: '" + name + "'");
    }
    List<String> list =
        Arrays.stream(urls == null ? new String[0] : urls.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    if (list.isEmpty()) {
      throw new IllegalArgumentException("no Solr URL given");
    }
    for (String url : list) {
      if (!url.matches("https?://[^/\\s]+(/.*)?")) {
        throw new IllegalArgumentException(
            "not a Solr URL: '" + url + "' (expected http://HOST:PORT/solr)");
      }
    }
    CloudSolrClient client = legacyClient(list);
    return new SolrCollection(client, name, list.get(0) + " collection " + name, retrying);
  }

  /**
   * SolrJ's cloud client over Apache HttpClient, with the cluster state read over HTTP from the
   * nodes at {@code urls}. Deprecated in SolrJ 9 in favour of the Jetty-based client, which this
   * application can't have: its Jetty 10 would displace the web server's Jetty 12.
   */
  @SuppressWarnings("deprecation")
  private static CloudSolrClient legacyClient(List<String> urls) {
    return new CloudLegacySolrClient.Builder(urls).build();
  }

  /** The SolrJ client; the collection owns it. */
  CloudSolrClient client() {
    return client;
  }

  /** The collection's name. */
  public String name() {
    return name;
  }

  /** The first URL and the collection's name, for messages. */
  public String location() {
    return location;
  }

  Retrying retrying() {
    return retrying;
  }

  /** Whether the cluster has the collection. */
  public boolean exists() throws IOException {
    // the first request of every command: an unreachable cluster is said at once, not in a minute
    return QUICK.run(
        "listing the collections of " + location,
        () -> CollectionAdminRequest.listCollections(client).contains(name));
  }

  /**
   * How the collection was built, from its build record.
   *
   * @return null when the collection has no build record (not fed by semsearch yet)
   */
  public IndexMetadata build() throws IOException {
    SolrDocument doc =
        retrying.run(
            "reading the build record of " + location,
            () -> client.getById(name, SolrFields.BUILD_KEY));
    if (doc == null) {
      return null;
    }
    Object json = doc.getFirstValue(SolrFields.BUILD_JSON);
    try {
      Map<String, String> data = JSON.readValue(String.valueOf(json), new TypeReference<>() {});
      return IndexMetadata.fromUserData(data);
    } catch (IOException e) {
      throw new IOException(location + ": the build record is not JSON: " + json, e);
    }
  }

  /**
   * The collection's build, creating the collection (configset, schema, build record) with {@code
   * layout} when it is missing.
   *
   * @throws IllegalArgumentException if the collection was built with another model, naming both,
   *     or with other settings, naming them
   */
  public IndexMetadata create(ModelInfo model, IndexSettings settings, CollectionLayout layout)
      throws IOException {
    IndexMetadata wanted = IndexMetadata.of(model, settings);
    if (!exists()) {
      uploadConfigSetIfMissing();
      retrying.run(
          "creating " + location,
          () ->
              CollectionAdminRequest.createCollection(
                      name, CONFIGSET, layout.shards(), layout.replicas())
                  .process(client));
    }
    IndexMetadata existing = build();
    if (existing != null) {
      existing.requireSameModel(model);
      SettingsConflict conflict = SettingsConflict.between(existing, settings);
      if (!conflict.isEmpty()) {
        throw new IllegalArgumentException(location + ": " + conflict.describe());
      }
      return existing;
    }
    retrying.run(
        "adding the semsearch fields to " + location,
        () -> {
          SolrSchema.ensure(client, name, wanted);
          return null;
        });
    writeBuild(wanted);
    return wanted;
  }

  private void writeBuild(IndexMetadata build) throws IOException {
    SolrInputDocument doc = new SolrInputDocument();
    doc.setField(SolrFields.KEY, SolrFields.BUILD_KEY);
    doc.setField(IndexFields.TYPE, SolrFields.TYPE_BUILD);
    doc.setField(SolrFields.BUILD_JSON, JSON.writeValueAsString(build.toUserData()));
    retrying.run(
        "writing the build record of " + location,
        () -> new UpdateRequest().add(doc).commit(client, name));
  }

  private void uploadConfigSetIfMissing() throws IOException {
    boolean present =
        retrying.run(
            "listing the configsets of " + location,
            () ->
                new ConfigSetAdminRequest.List()
                    .process(client)
                    .getConfigSets()
                    .contains(CONFIGSET));
    if (present) {
      return;
    }
    ContentStreamBase.ByteArrayStream zip =
        new ContentStreamBase.ByteArrayStream(
            configSetZip(), CONFIGSET + ".zip", "application/zip");
    retrying.run(
        "uploading the semsearch configset to " + location,
        () ->
            new ConfigSetAdminRequest.Upload()
                .setConfigSetName(CONFIGSET)
                .setUploadStream(zip)
                .process(client));
  }

  private static byte[] configSetZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String file : CONFIGSET_NAMES) {
        try (InputStream in = SolrCollection.class.getResourceAsStream(CONFIGSET_FILES + file)) {
          if (in == null) {
            throw new IllegalStateException("configset file " + file + " is missing from the jar");
          }
          zip.putNextEntry(new ZipEntry(file));
          in.transferTo(zip);
          zip.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Bytes on disk of the collection's index: the sum over every replica of every shard (each copy
   * counted, as the cluster's disks hold them), from each node's core status ({@code
   * index.sizeInBytes}). One request per replica, not retried.
   *
   * @throws IOException if a node does not answer, naming it
   */
  public long sizeOnDisk() throws IOException {
    long total = 0;
    for (Replica replica : client.getClusterState().getCollection(name).getReplicas()) {
      try (SolrClient node = nodeClient(replica.getBaseUrl())) {
        CoreAdminResponse status = CoreAdminRequest.getStatus(replica.getCoreName(), node);
        Object size =
            status.getCoreStatus(replica.getCoreName()).findRecursive("index", "sizeInBytes");
        if (size instanceof Number n) {
          total += n.longValue();
        }
      } catch (SolrServerException | RuntimeException e) {
        throw new IOException(
            location
                + ": the status of core "
                + replica.getCoreName()
                + " on "
                + replica.getBaseUrl()
                + " failed: "
                + e.getMessage(),
            e);
      }
    }
    return total;
  }

  /** A client of one node (Apache HttpClient based, as {@link #legacyClient}). */
  @SuppressWarnings("deprecation")
  private static SolrClient nodeClient(String baseUrl) {
    return new HttpSolrClient.Builder(baseUrl).build();
  }

  /** Makes every write so far visible to searches (a hard commit that opens a new searcher). */
  void commit() throws IOException {
    retrying.run("committing " + location, () -> client.commit(name, true, true));
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
