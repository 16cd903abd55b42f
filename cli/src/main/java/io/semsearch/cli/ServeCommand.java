package io.semsearch.cli;

import io.semsearch.encoder.CrossEncoder;
import io.semsearch.encoder.SentenceEncoder;
import io.semsearch.web.ServerConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves an index over HTTP: the search page and the JSON API. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves an index: the search page at /, the JSON API under /api (OpenAPI at /openapi.json),"
          + " OpenAI-compatible",
      "/v1/embeddings and Prometheus /metrics. Uses the index's own model; another model is"
          + " refused."
    })
final class ServeCommand implements Callable<Integer> {

  @Mixin IndexTarget target;

  @Option(
      names = "--verify",
      description = "Verify the index first (as the check command does); refuse a corrupted one.")
  boolean verify;

  @Mixin ServerArgs server;

  @Mixin EncoderArgs encoder;

  @Mixin RerankArgs rerank;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ServerConfig config = server.config(); // bad options fail before the model loads
    target.validate();
    if (verify) {
      if (target.isSolr()) {
        throw new IllegalArgumentException("--verify checks an index folder, not a collection");
      }
      CheckCommand.verifyBeforeServing(target.index, spec.commandLine().getErr());
    }
    try (CrossEncoder crossEncoder = rerank.open(encoder);
        SentenceEncoder enc = target.openEncoder(encoder)) {
      return Serving.serveUntilStopped(
          config,
          enc,
          crossEncoder,
          () -> target.openWritable(enc),
          target.location(),
          spec.commandLine().getOut());
    }
  }
}
