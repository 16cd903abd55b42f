package io.semsearch.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.semsearch.encoder.EncodeRequest;
import io.semsearch.searcher.Reranker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/rerank}: scores texts against a query with the server's cross-encoder, in the
 * shape text-embeddings-inference's {@code /rerank} and Cohere's rerank take: {@code
 * {"query":..,"texts":[..],"top_n":k,"return_text":bool}} answers {@code [{"index":i,"score":s,
 * "text":..}]}, best first (ties by index).
 */
final class RerankController {

  static final Set<String> FIELDS = Set.of("query", "texts", "top_n", "return_text");

  private final Reranker reranker; // null when the server has no cross-encoder
  private final JsonBodies bodies;
  private final ServerConfig.Limits limits;

  RerankController(Reranker reranker, JsonBodies bodies, ServerConfig.Limits limits) {
    this.reranker = reranker;
    this.bodies = bodies;
    this.limits = limits;
  }

  /** One scored text; {@code text} only when asked for. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Ranked(int index, double score, String text) {}

  /** {@code POST /api/rerank}. */
  void rerank(Context ctx) {
    if (reranker == null) {
      throw new NotFoundResponse("this server has no cross-encoder: start it with --rerank MODEL");
    }
    ObjectNode body = bodies.object(ctx);
    RequestFields fields = RequestFields.of(body).requireKnown(FIELDS);
    String query = fields.string("query");
    if (query == null || query.isBlank()) {
      throw new BadRequestResponse("query is missing: give the query text");
    }
    if (query.length() > limits.maxTextChars()) {
      throw new BadRequestResponse(
          "query has " + query.length() + " characters; at most " + limits.maxTextChars());
    }
    List<String> texts = RequestFields.texts(body.get("texts"), "texts", limits, false);
    int topN = fields.integer("top_n", 1, limits.maxTexts(), texts.size());
    boolean returnText = Boolean.TRUE.equals(fields.bool("return_text"));
    RequestFields.requireRequestChars("texts", texts, limits);
    float[] scores =
        reranker
            .model()
            .score(
                query, texts, EncodeRequest.INTERACTIVE.withCancellation(RequestDeadline.of(ctx)));
    List<Ranked> ranked = new ArrayList<>(texts.size());
    for (int i = 0; i < scores.length; i++) {
      ranked.add(new Ranked(i, scores[i], returnText ? texts.get(i) : null));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
    ctx.json(ranked.subList(0, Math.min(topN, ranked.size())));
  }
}
