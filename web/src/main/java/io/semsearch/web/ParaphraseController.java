package io.semsearch.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.SimilarityKernel;
import io.semsearch.mining.ExactParaphraseMiner;
import io.semsearch.mining.MiningSettings;
import io.semsearch.mining.ParaphrasePair;
import java.util.List;
import java.util.Set;

/** {@code POST /api/paraphrases}: the most similar pairs among the given sentences. */
final class ParaphraseController {

  private static final Set<String> FIELDS = Set.of("sentences", "top_k", "threshold", "max_pairs");

  private final MeteredEncoder encoding;
  private final JsonBodies bodies;
  private final ServerConfig.Limits limits;
  private final SimilarityKernel kernel;

  ParaphraseController(
      MeteredEncoder encoding,
      JsonBodies bodies,
      ServerConfig.Limits limits,
      SimilarityKernel kernel) {
    this.encoding = encoding;
    this.bodies = bodies;
    this.limits = limits;
    this.kernel = kernel;
  }

  /** One pair: indexes into the sentences (first &lt; second) and their texts. */
  record Pair(double score, int first, int second, String firstText, String secondText) {}

  /** Pairs, best first. */
  record ParaphraseResponse(List<Pair> pairs, double tookMs) {}

  /** {@code POST /api/paraphrases {"sentences":[...],"top_k":..,"threshold":..,"max_pairs":..}}. */
  void paraphrases(Context ctx) {
    ObjectNode body = bodies.object(ctx);
    RequestFields fields = RequestFields.of(body).requireKnown(FIELDS);
    List<String> sentences = RequestFields.texts(body.get("sentences"), "sentences", limits, false);
    if (sentences.size() < 2) {
      throw new BadRequestResponse("sentences has 1 text; give at least 2 to find pairs");
    }
    int topK = fields.integer("top_k", 1, limits.maxTexts(), 100);
    int maxPairs = fields.integer("max_pairs", 1, limits.maxPairs(), limits.maxPairs());
    Double threshold = fields.number("threshold");
    if (threshold != null && !(threshold >= -1 && threshold <= 1)) {
      throw new BadRequestResponse("threshold must be in [-1, 1], got: " + threshold);
    }
    RequestFields.requireRequestChars("sentences", sentences, limits);
    Cancellation deadline = RequestDeadline.of(ctx);
    long start = System.nanoTime();
    float[][] vectors = encoding.encode(sentences, "paraphrases", deadline);
    MiningSettings settings =
        MiningSettings.defaults()
            .withTopK(topK)
            .withMaxPairs(maxPairs)
            .withThreshold(threshold == null ? Double.NEGATIVE_INFINITY : threshold);
    // one thread: the request's own; at most limits.maxTexts() sentences, a small product
    List<ParaphrasePair> mined =
        new ExactParaphraseMiner(settings, kernel, 1).mine(vectors, deadline);
    List<Pair> pairs =
        mined.stream()
            .map(
                p ->
                    new Pair(
                        p.score(),
                        p.first(),
                        p.second(),
                        sentences.get(p.first()),
                        sentences.get(p.second())))
            .toList();
    ctx.json(new ParaphraseResponse(pairs, (System.nanoTime() - start) / 1e6));
  }
}
