package io.semsearch.encoder.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the Hugging Face hub on 127.0.0.1, speaking the two calls the resolver uses, plus
 * a second server on another port standing in for the storage that weights are redirected to.
 *
 * <ul>
 *   <li>{@code GET /api/models/{repo}/revision/{rev}} lists a repo ({@code sha}, {@code siblings});
 *   <li>{@code GET /{repo}/resolve/{rev}/{path}} serves a file; {@code *.safetensors} are
 *       redirected to the storage server, {@code vocab.txt} by a relative redirect to {@code
 *       /raw/...} here.
 * </ul>
 *
 * Unknown repos give 404 {@code RepoNotFound}, unknown revisions 404 {@code RevisionNotFound}, a
 * repo with a token answers 401 to requests without it. Every request is recorded.
 */
public final class FakeHub implements AutoCloseable {

  /** A request as the servers saw it: {@code server} is "hub" or "storage". */
  public record Request(String server, String path, String authorization) {}

  /** A repo at one commit; {@code token} is null for a public repo. */
  public record Repo(String id, String sha, Map<String, byte[]> files, String token) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer hub;
  private final HttpServer storage;
  private final Map<String, Repo> repos = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<String> breakOffOnce = ConcurrentHashMap.newKeySet();

  public FakeHub() throws IOException {
    hub = start(this::handleHub);
    storage = start(this::handleStorage);
  }

  private static HttpServer start(HttpHandler handler) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", handler);
    server.start();
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
  }

  public void add(Repo repo) {
    repos.put(repo.id(), repo);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests for files (not listings), on either server. */
  public List<Request> fileRequests() {
    return requests.stream().filter(r -> !r.path().startsWith("/api/")).toList();
  }

  /** The next download of {@code file} sends half its bytes, then drops the connection. */
  void breakOffOnce(String file) {
    breakOffOnce.add(file);
  }

  private void handleHub(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    requests.add(new Request("hub", path, auth));
    if (path.startsWith("/api/models/")) {
      String rest = path.substring("/api/models/".length());
      int split = rest.indexOf("/revision/");
      Repo repo = split < 0 ? null : repos.get(rest.substring(0, split));
      if (repo == null) {
        error(exchange, 404, "RepoNotFound");
        return;
      }
      String revision = rest.substring(split + "/revision/".length());
      if (checkAccess(exchange, repo, auth, revision)) {
        ObjectNode body = JSON.createObjectNode().put("id", repo.id()).put("sha", repo.sha());
        var siblings = body.putArray("siblings");
        repo.files().keySet().forEach(name -> siblings.addObject().put("rfilename", name));
        send(exchange, 200, JSON.writeValueAsBytes(body));
      }
      return;
    }
    if (path.startsWith("/raw/")) {
      String[] parts = path.substring("/raw/".length()).split("/", 4);
      serve(exchange, repos.get(parts[0] + "/" + parts[1]), parts[3]);
      return;
    }
    int resolve = path.indexOf("/resolve/");
    Repo repo = resolve < 0 ? null : repos.get(path.substring(1, resolve));
    if (repo == null) {
      error(exchange, 404, "RepoNotFound");
      return;
    }
    String rest = path.substring(resolve + "/resolve/".length());
    String revision = rest.substring(0, rest.indexOf('/'));
    String file = rest.substring(revision.length() + 1);
    if (!checkAccess(exchange, repo, auth, revision)) {
      return;
    }
    if (!repo.files().containsKey(file)) {
      error(exchange, 404, "EntryNotFound");
    } else if (file.endsWith(".safetensors")) {
      redirect(
          exchange,
          "http://127.0.0.1:"
              + storage.getAddress().getPort()
              + "/lfs/"
              + repo.id()
              + "/"
              + repo.sha()
              + "/"
              + file
              + "?X-Signature=abc");
    } else if (file.equals("vocab.txt")) {
      redirect(exchange, "/raw/" + repo.id() + "/" + repo.sha() + "/" + file);
    } else {
      serve(exchange, repo, file);
    }
  }

  private void handleStorage(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(
        new Request("storage", path, exchange.getRequestHeaders().getFirst("Authorization")));
    String[] parts = path.substring("/lfs/".length()).split("/", 4);
    serve(exchange, repos.get(parts[0] + "/" + parts[1]), parts[3]);
  }

  private static boolean checkAccess(HttpExchange exchange, Repo repo, String auth, String revision)
      throws IOException {
    if (repo.token() != null && !("Bearer " + repo.token()).equals(auth)) {
      error(exchange, 401, "RepoNotFound");
      return false;
    }
    if (!revision.equals("main") && !revision.equals(repo.sha())) {
      error(exchange, 404, "RevisionNotFound");
      return false;
    }
    return true;
  }

  private void serve(HttpExchange exchange, Repo repo, String file) throws IOException {
    byte[] bytes = repo == null ? null : repo.files().get(file);
    if (bytes == null) {
      error(exchange, 404, "EntryNotFound");
      return;
    }
    if (breakOffOnce.remove(file)) {
      exchange.sendResponseHeaders(200, bytes.length);
      OutputStream out = exchange.getResponseBody();
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      // Throwing from the handler makes the server drop the connection mid-body.
      throw new IOException("fake hub: breaking off " + file + " on purpose");
    }
    send(exchange, 200, bytes);
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private static void error(HttpExchange exchange, int status, String code) throws IOException {
    exchange.getResponseHeaders().set("X-Error-Code", code);
    send(exchange, status, ("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    hub.stop(0);
    storage.stop(0);
  }
}
