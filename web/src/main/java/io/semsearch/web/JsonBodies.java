package io.semsearch.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Reads request bodies as JSON: at most {@code maxBodyBytes} (413 beyond, whether or not the client
 * sent a Content-Length), UTF-8, one JSON value with nothing after it; every failure a 4xx naming
 * what was wrong.
 */
final class JsonBodies {

  private final ObjectMapper mapper;
  private final long maxBodyBytes;

  JsonBodies(ObjectMapper mapper, long maxBodyBytes) {
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The body, which must be a JSON object. */
  ObjectNode object(Context ctx) {
    JsonNode node = value(ctx);
    if (!node.isObject()) {
      throw new BadRequestResponse(
          "the body must be a JSON object, got: " + RequestFields.typeOf(node));
    }
    return (ObjectNode) node;
  }

  /** The body as one JSON value. */
  JsonNode value(Context ctx) {
    byte[] bytes = bytes(ctx);
    if (bytes.length == 0) {
      throw new BadRequestResponse("the body is empty: send a JSON document");
    }
    try {
      JsonNode node = mapper.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new BadRequestResponse("the body is empty: send a JSON document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadRequestResponse("malformed JSON: " + describe(e));
    } catch (IOException e) {
      throw new BadRequestResponse("unreadable body: " + e.getMessage());
    }
  }

  /**
   * The raw body, refused with 415 unless its Content-Type is {@code application/json} (a charset
   * parameter is allowed) and with 413 above the limit. Requiring JSON's type keeps pages on other
   * sites from posting to the server: a browser sends a cross-site POST without asking first only
   * when it has a form type ({@code text/plain}, {@code application/x-www-form-urlencoded}, {@code
   * multipart/form-data}); with {@code application/json} it asks (CORS preflight), and the server
   * allows no other origin unless configured to.
   */
  byte[] bytes(Context ctx) {
    requireJsonType(ctx.req().getContentType());
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge(declared);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) Math.min(Math.max(declared, 0), maxBodyBytes));
      byte[] buffer = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
        if (total > maxBodyBytes) {
          throw tooLarge(-1);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new HttpResponseException(
          HttpStatus.BAD_REQUEST.getCode(), "could not read the body: " + e.getMessage());
    }
  }

  /** Throws 415 unless {@code contentType} is {@code application/json}, parameters aside. */
  static void requireJsonType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw new HttpResponseException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type is missing: send the body as application/json",
          Map.of());
    }
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      throw new HttpResponseException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json, got: '" + Strings.clip(contentType) + "'",
          Map.of());
    }
  }

  private ContentTooLargeResponse tooLarge(long declared) {
    return new ContentTooLargeResponse(
        "the body is larger than "
            + maxBodyBytes
            + " bytes"
            + (declared > 0 ? " (" + declared + ")" : ""));
  }

  /** Jackson's message without its source echo, with line and column. */
  static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message != null) {
      message = message.replaceAll("\\s*\\n.*", "");
    }
    var location = e.getLocation();
    return Strings.clip(message == null ? "unexpected input" : message)
        + (location != null && location.getLineNr() > 0
            ? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"
            : "");
  }
}
