package io.semsearch.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/** {@code POST /api/paraphrases}: waits for the searcher's paraphrase miner. */
final class ParaphraseController {

  ParaphraseController(Encoding encoding, JsonBodies bodies, ServerConfig.Limits limits) {}

  void paraphrases(Context ctx) {
    throw new HttpResponseException(501, "paraphrase mining is not available yet");
  }
}
