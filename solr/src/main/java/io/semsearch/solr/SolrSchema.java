package io.semsearch.solr;

import io.semsearch.index.IndexFields;
import io.semsearch.index.IndexMetadata;
import io.semsearch.index.Quantization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.schema.FieldTypeDefinition;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;

/**
 * The semsearch fields of a collection, added through the Schema API to the base schema of
 * semsearch's configset when the collection has none yet: a {@code DenseVectorField} type with the
 * model's dimension and similarity and the HNSW settings (M as {@code hnswMaxConnections}, beam as
 * {@code hnswBeamWidth}), text fields for BM25 (title, text, passage text), the stored document and
 * passage fields, and typed metadata fields ({@code meta.*} strings, {@code num.*} doubles).
 */
final class SolrSchema {

  static final String VECTOR_TYPE = "semsearch_vector";

  private SolrSchema() {}

  /**
   * Adds the fields that the collection lacks (all of them on a new collection).
   *
   * @throws IllegalArgumentException if the index settings ask for vector quantization, which Solr
   *     9 has no field type for
   */
  static void ensure(CloudSolrClient client, String collection, IndexMetadata build)
      throws IOException, SolrServerException {
    if (build.quantization() != Quantization.NONE) {
      throw new IllegalArgumentException(
          "quantization "
              + build.quantization().label()
              + " is not available on Solr 9 (its DenseVectorField stores float32 vectors only);"
              + " use --quantization none with --solr");
    }
    Set<String> fields = new HashSet<>();
    for (Map<String, Object> f :
        new SchemaRequest.Fields().process(client, collection).getFields()) {
      fields.add(String.valueOf(f.get("name")));
    }
    if (fields.contains(IndexFields.VECTOR)) {
      return;
    }
    List<SchemaRequest.Update> updates = new ArrayList<>();
    updates.add(new SchemaRequest.AddFieldType(vectorType(build)));
    updates.add(field(IndexFields.DOC_ID, "string", true));
    updates.add(field(IndexFields.TYPE, "string", false));
    updates.add(field(IndexFields.TITLE, "text", true));
    updates.add(field(IndexFields.TEXT, "text", true));
    updates.add(field(IndexFields.CONTENT_HASH, "string", true));
    updates.add(field(IndexFields.PASSAGE_COUNT, "pint", true));
    updates.add(storedOnly(IndexFields.METADATA_JSON));
    updates.add(storedOnly(SolrFields.BUILD_JSON));
    updates.add(field(IndexFields.VECTOR, VECTOR_TYPE, true));
    updates.add(field(IndexFields.PASSAGE_TEXT, "text", true));
    updates.add(field(IndexFields.PASSAGE_INDEX, "pint", true));
    updates.add(field(IndexFields.PASSAGE_START, "pint", true));
    updates.add(field(IndexFields.PASSAGE_END, "pint", true));
    updates.add(dynamic(IndexFields.META_PREFIX + "*", "string"));
    updates.add(dynamic(IndexFields.NUMERIC_PREFIX + "*", "pdouble"));
    new SchemaRequest.MultiUpdate(updates).process(client, collection);
  }

  private static FieldTypeDefinition vectorType(IndexMetadata build) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("name", VECTOR_TYPE);
    attributes.put("class", "solr.DenseVectorField");
    attributes.put("vectorDimension", build.dimension());
    attributes.put("similarityFunction", build.similarity().name().toLowerCase(Locale.ROOT));
    attributes.put("knnAlgorithm", "hnsw");
    attributes.put("hnswMaxConnections", build.hnswM());
    attributes.put("hnswBeamWidth", build.beamWidth());
    FieldTypeDefinition type = new FieldTypeDefinition();
    type.setAttributes(attributes);
    return type;
  }

  private static SchemaRequest.AddField field(String name, String type, boolean stored) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put("type", type);
    f.put("indexed", true);
    f.put("stored", stored);
    return new SchemaRequest.AddField(f);
  }

  private static SchemaRequest.AddField storedOnly(String name) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put("type", "string");
    f.put("indexed", false);
    f.put("stored", true);
    f.put("docValues", false);
    return new SchemaRequest.AddField(f);
  }

  private static SchemaRequest.AddDynamicField dynamic(String pattern, String type) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", pattern);
    f.put("type", type);
    f.put("indexed", true);
    f.put("stored", false);
    return new SchemaRequest.AddDynamicField(f);
  }
}
