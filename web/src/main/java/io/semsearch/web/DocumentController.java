package io.semsearch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import io.semsearch.encoder.Cancellation;
import io.semsearch.index.IndexDocument;
import io.semsearch.index.WriteSummary;
import io.semsearch.searcher.SearchBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes, allowed only with the server's API key ({@code Authorization: Bearer KEY}): {@code POST
 * /api/documents} adds or replaces a batch, {@code DELETE /api/documents/{id}} deletes one. Without
 * a configured key they answer 403; with a missing or wrong key 401. Nothing changes on refusal.
 * Every write goes to the {@link SearchBackend}, which makes it visible to the next search. A write
 * is committed whole or not at all: one given up (its deadline passed, or the server is stopping)
 * while it waits for its turn or for the encoder is rolled back and answers 503.
 */
final class DocumentController {

  private static final Set<String> DOCUMENT_FIELDS = Set.of("id", "title", "text", "metadata");

  private final SearchBackend backend;
  private final JsonBodies bodies;
  private final ServerConfig.Limits limits;
  private final byte[] apiKey;
  private final Cancellation shutdown;

  /**
   * @param shutdown fires when the server stopping leaves writes no more time
   */
  DocumentController(
      SearchBackend backend, JsonBodies bodies, ServerConfig config, Cancellation shutdown) {
    this.backend = backend;
    this.shutdown = shutdown;
    this.bodies = bodies;
    this.limits = config.limits();
    this.apiKey = config.apiKey() == null ? null : config.apiKey().getBytes(StandardCharsets.UTF_8);
  }

  /** What a write did. */
  record WriteResponse(long indexed, long unchanged, long passages, double tookMs) {}

  /** What a delete did. */
  record DeleteResponse(String id, boolean deleted, double tookMs) {}

  /** {@code POST /api/documents}: a JSON array of documents, or {@code {"documents":[...]}}. */
  void upsert(Context ctx) throws IOException {
    requireKey(ctx);
    long start = System.nanoTime();
    JsonNode body = bodies.value(ctx);
    if (body.isObject()) {
      RequestFields.of((ObjectNode) body).requireKnown(Set.of("documents"));
      body = body.get("documents");
      if (body == null) {
        throw new BadRequestResponse(
            "documents is missing: send [{\"id\":...,\"text\":...}, ...] or {\"documents\":[...]}");
      }
    }
    if (!body.isArray()) {
      throw new BadRequestResponse(
          "the body must be a list of documents, got: " + RequestFields.typeOf(body));
    }
    if (body.isEmpty()) {
      throw new BadRequestResponse("the list of documents is empty");
    }
    if (body.size() > limits.maxTexts()) {
      throw new BadRequestResponse(
          "at most " + limits.maxTexts() + " documents per request, got: " + body.size());
    }
    List<IndexDocument> documents = new ArrayList<>(body.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < body.size(); i++) {
      IndexDocument doc = document(body.get(i), "documents[" + i + "]");
      if (!ids.add(doc.id())) {
        throw new BadRequestResponse(
            "documents[" + i + "]: id '" + Strings.clip(doc.id()) + "' appears twice in the batch");
      }
      documents.add(doc);
    }
    WriteSummary summary = backend.upsert(documents, cancellation(ctx));
    ctx.json(
        new WriteResponse(
            summary.indexed(),
            summary.unchanged(),
            summary.passages(),
            SearchController.millis(start)));
  }

  /** {@code DELETE /api/documents/{id}}: 404 when there is no such document. */
  void delete(Context ctx) throws IOException {
    requireKey(ctx);
    long start = System.nanoTime();
    String id = ctx.pathParam("id");
    if (backend.delete(List.of(id), cancellation(ctx)) == 0) {
      throw new NotFoundResponse("no document with id '" + Strings.clip(id) + "'");
    }
    ctx.json(new DeleteResponse(id, true, SearchController.millis(start)));
  }

  /**
   * When to give a write up: its request's deadline, or the server stopping. Given up while it
   * waits for its turn or for the encoder, a write leaves the index as it was and answers 503.
   */
  private Cancellation cancellation(Context ctx) {
    return ShutdownDeadline.either(RequestDeadline.of(ctx), shutdown);
  }

  private void requireKey(Context ctx) {
    if (apiKey == null) {
      throw new ForbiddenResponse(
          "writes are disabled: start the server with an API key to allow them");
    }
    String header = ctx.header("Authorization");
    String prefix = "Bearer ";
    if (header == null || !header.regionMatches(true, 0, prefix, 0, prefix.length())) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new UnauthorizedResponse("writes need the API key: Authorization: Bearer <key>");
    }
    byte[] given = header.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, apiKey)) {
      ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      throw new UnauthorizedResponse("wrong API key");
    }
  }

  private IndexDocument document(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new BadRequestResponse(
          where
              + " must be an object {\"id\":...,\"text\":...}, got: "
              + (node == null ? "null" : RequestFields.typeOf(node)));
    }
    RequestFields fields = RequestFields.of((ObjectNode) node);
    try {
      fields.requireKnown(DOCUMENT_FIELDS);
    } catch (BadRequestResponse e) {
      throw new BadRequestResponse(where + ": " + e.getMessage());
    }
    String id;
    String title;
    String text;
    try {
      id = fields.string("id");
      title = fields.string("title");
      text = fields.string("text");
    } catch (BadRequestResponse e) {
      throw new BadRequestResponse(where + "." + e.getMessage());
    }
    if (id == null || id.isBlank()) {
      throw new BadRequestResponse(where + ".id is missing or blank");
    }
    if (id.length() > 512) {
      throw new BadRequestResponse(where + ".id has " + id.length() + " characters; at most 512");
    }
    if (text == null || text.isBlank()) {
      throw new BadRequestResponse(where + ".text is missing or blank");
    }
    if (text.length() > limits.maxDocumentChars()) {
      throw new BadRequestResponse(
          where
              + ".text has "
              + text.length()
              + " characters; at most "
              + limits.maxDocumentChars());
    }
    Map<String, Object> metadata = metadata(node.get("metadata"), where + ".metadata");
    try {
      return new IndexDocument(id, title, text, metadata);
    } catch (IllegalArgumentException e) {
      throw new BadRequestResponse(where + ": " + e.getMessage());
    }
  }

  private static Map<String, Object> metadata(JsonNode node, String where) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return metadata;
    }
    if (!node.isObject()) {
      throw new BadRequestResponse(
          where + " must be an object of scalar values, got: " + RequestFields.typeOf(node));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,127}")) {
        throw new BadRequestResponse(
            where
                + ": field name '"
                + Strings.clip(name)
                + "' must be letters, digits, '_', '.' or '-' (at most 128)");
      }
      JsonNode v = e.getValue();
      Object value;
      if (v.isTextual()) {
        value = v.textValue();
      } else if (v.isIntegralNumber() && v.canConvertToLong()) {
        value = v.longValue();
      } else if (v.isNumber() && Double.isFinite(v.doubleValue())) {
        value = v.doubleValue();
      } else if (v.isBoolean()) {
        value = v.booleanValue();
      } else if (v.isNull()) {
        continue;
      } else {
        throw new BadRequestResponse(
            where
                + "."
                + name
                + " must be a string, number or boolean, got: "
                + RequestFields.typeOf(v));
      }
      metadata.put(name, value);
    }
    return metadata;
  }
}
