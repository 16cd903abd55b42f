package io.semsearch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.semsearch.encoder.Cancellation;
import io.semsearch.encoder.Matryoshka;
import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.VectorMath;
import io.semsearch.encoder.model.Prompts;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The encoder over HTTP: {@code POST /api/embed}, {@code POST /api/similarity} and the
 * OpenAI-compatible {@code POST /v1/embeddings}.
 */
final class EmbeddingController {

  private static final Set<String> EMBED_FIELDS = Set.of("texts", "prompt_name", "prompt");
  private static final Set<String> SIMILARITY_FIELDS = Set.of("sentences1", "sentences2");

  /** OpenAI's request fields; {@code user} is accepted and ignored, as OpenAI does for tracing. */
  private static final Set<String> OPENAI_FIELDS =
      Set.of("model", "input", "encoding_format", "dimensions", "user");

  /** The model name {@code /v1/embeddings} accepts besides the served model's own names. */
  static final String DEFAULT_MODEL = "default";

  private final MeteredEncoder encoding;
  private final JsonBodies bodies;
  private final ServerConfig.Limits limits;

  EmbeddingController(MeteredEncoder encoding, JsonBodies bodies, ServerConfig.Limits limits) {
    this.encoding = encoding;
    this.bodies = bodies;
    this.limits = limits;
  }

  /** Embeddings of the texts, in order. */
  record EmbedResponse(String model, int dimension, float[][] embeddings) {}

  /** {@code scores[i][j]} = cosine(sentences1[i], sentences2[j]). */
  record SimilarityResponse(String model, double[][] scores) {}

  /** OpenAI's embeddings list. */
  record OpenAiList(String object, List<OpenAiEmbedding> data, String model, OpenAiUsage usage) {}

  /** One embedding: a float array, or a base64 string of little-endian float32 bytes. */
  record OpenAiEmbedding(String object, int index, Object embedding) {}

  /** Tokens counted by the model's tokenizer, special tokens included. */
  record OpenAiUsage(int promptTokens, int totalTokens) {}

  /**
   * {@code POST /api/embed {"texts":[...]}}, as sentence-transformers' {@code encode}: with the
   * model's default prompt, or the one named by {@code prompt_name}, or the text of {@code prompt}.
   */
  void embed(Context ctx) {
    ObjectNode body = bodies.object(ctx);
    RequestFields fields = RequestFields.of(body).requireKnown(EMBED_FIELDS);
    List<String> texts = RequestFields.texts(body.get("texts"), "texts", limits, false);
    String promptName = fields.string("prompt_name");
    String prompt = fields.string("prompt");
    if (promptName != null && prompt != null) {
      throw new BadRequestResponse("give prompt or prompt_name, not both");
    }
    if (prompt != null && prompt.length() > limits.maxTextChars()) {
      throw new BadRequestResponse(
          "prompt has " + prompt.length() + " characters; at most " + limits.maxTextChars());
    }
    if (promptName != null) {
      Prompts prompts = encoding.encoder().prompts();
      if (!prompts.byName().containsKey(promptName)) {
        throw new BadRequestResponse(
            "prompt_name '"
                + Strings.clip(promptName)
                + "' is not a prompt of the model"
                + (prompts.isEmpty()
                    ? " (it has none)"
                    : "; its prompts: " + String.join(", ", prompts.byName().keySet())));
      }
      prompt = prompts.get(promptName);
    }
    RequestFields.requireRequestChars("texts", texts, limits);
    ModelInfo model = encoding.encoder().model();
    Cancellation deadline = RequestDeadline.of(ctx);
    float[][] vectors =
        prompt == null
            ? encoding.encode(texts, "embed", deadline)
            : encoding.encode(texts, prompt, "embed", deadline);
    ctx.json(new EmbedResponse(model.id(), model.dimension(), vectors));
  }

  /** {@code POST /api/similarity {"sentences1":[...],"sentences2":[...]}}. */
  void similarity(Context ctx) {
    ObjectNode body = bodies.object(ctx);
    RequestFields.of(body).requireKnown(SIMILARITY_FIELDS);
    List<String> first = RequestFields.texts(body.get("sentences1"), "sentences1", limits, false);
    List<String> second = RequestFields.texts(body.get("sentences2"), "sentences2", limits, false);
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    RequestFields.requireRequestChars("sentences1 and sentences2", all, limits);
    float[][] vectors = encoding.encode(all, "similarity", RequestDeadline.of(ctx));
    double[][] scores = new double[first.size()][second.size()];
    for (int i = 0; i < first.size(); i++) {
      for (int j = 0; j < second.size(); j++) {
        scores[i][j] = VectorMath.cosine(vectors[i], vectors[first.size() + j]);
      }
    }
    ctx.json(new SimilarityResponse(encoding.encoder().model().id(), scores));
  }

  /**
   * {@code POST /v1/embeddings}, as OpenAI's API: {@code input} a string or a list of strings,
   * {@code model} this server's model (see {@link #servesModel}), optional {@code encoding_format}
   * float or base64 and {@code dimensions}: the embeddings' first dimensions, normalized again for
   * a normalized model ({@link Matryoshka}), as OpenAI's models shorten theirs.
   */
  void openAi(Context ctx) {
    ObjectNode body = bodies.object(ctx);
    RequestFields fields = RequestFields.of(body).requireKnown(OPENAI_FIELDS);
    ModelInfo model = encoding.encoder().model();
    String requested = fields.string("model");
    if (requested == null) {
      throw new HttpResponseException(
          HttpStatus.BAD_REQUEST,
          "model is missing: this server serves '" + model.id() + "'",
          Map.of("param", "model"));
    }
    if (!servesModel(model, requested)) {
      throw new NotFoundResponse(
          "model '"
              + Strings.clip(requested)
              + "' not found: this server serves '"
              + model.id()
              + "' (also accepted: '"
              + shortName(model)
              + "' and '"
              + DEFAULT_MODEL
              + "')",
          Map.of("param", "model", "code", "model_not_found"));
    }
    JsonNode input = body.get("input");
    if (input != null && input.isArray() && !input.isEmpty() && input.get(0).isNumber()) {
      throw new BadRequestResponse("input as token ids is not supported: send text");
    }
    List<String> texts = RequestFields.texts(input, "input", limits, true);
    String format = fields.string("encoding_format");
    boolean base64 = false;
    if (format != null) {
      base64 =
          switch (format) {
            case "float" -> false;
            case "base64" -> true;
            default ->
                throw new BadRequestResponse(
                    "encoding_format must be float or base64, got: '" + Strings.clip(format) + "'");
          };
    }
    Integer dimensions = fields.integer("dimensions");
    if (dimensions != null && (dimensions < 1 || dimensions > model.dimension())) {
      throw new HttpResponseException(
          HttpStatus.BAD_REQUEST,
          "dimensions must be in 1.."
              + model.dimension()
              + " for "
              + model.id()
              + ", got: "
              + dimensions,
          Map.of("param", "dimensions"));
    }
    RequestFields.requireRequestChars("input", texts, limits);
    float[][] vectors = encoding.encode(texts, "openai", RequestDeadline.of(ctx));
    if (dimensions != null && dimensions < model.dimension()) {
      vectors = Matryoshka.truncateAll(vectors, dimensions, model.normalizes());
    }
    List<OpenAiEmbedding> data = new ArrayList<>(vectors.length);
    int tokens = 0;
    for (int i = 0; i < vectors.length; i++) {
      data.add(new OpenAiEmbedding("embedding", i, base64 ? base64(vectors[i]) : vectors[i]));
      tokens += encoding.encoder().countTokens(texts.get(i));
    }
    String answered = requested.equals(DEFAULT_MODEL) ? model.id() : requested;
    ctx.json(new OpenAiList("list", data, answered, new OpenAiUsage(tokens, tokens)));
  }

  /**
   * Whether {@code requested} names the served model: its full id ({@code
   * sentence-transformers/all-MiniLM-L6-v2}), the part after the last '/' ({@code
   * all-MiniLM-L6-v2}) or {@value #DEFAULT_MODEL}, for clients configured without knowing it. Case
   * matters, as in model ids on the Hugging Face hub.
   */
  static boolean servesModel(ModelInfo model, String requested) {
    return requested.equals(model.id())
        || requested.equals(shortName(model))
        || requested.equals(DEFAULT_MODEL);
  }

  private static String shortName(ModelInfo model) {
    return model.id().substring(model.id().lastIndexOf('/') + 1);
  }

  /** Little-endian float32 bytes, base64: what OpenAI's clients decode. */
  static String base64(float[] vector) {
    ByteBuffer bytes =
        ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      bytes.putFloat(v);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
