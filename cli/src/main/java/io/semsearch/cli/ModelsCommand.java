package io.semsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.semsearch.encoder.engine.SentenceEncoders;
import io.semsearch.encoder.engine.SentenceEncoders.BuiltinModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the models semsearch ships. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description =
        "Lists the built-in models (--model ids), importing them into the cache if needed.")
final class ModelsCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    List<BuiltinModel> models = SentenceEncoders.builtinModels();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ArrayNode array = mapper.createArrayNode();
      for (BuiltinModel m : models) {
        array
            .addObject()
            .put("id", m.id())
            .put("name", m.name())
            .put("dimension", m.dimension())
            .put("max_seq_length", m.maxSeqLength())
            .put("folder", m.folder().toString())
            .put("fingerprint", m.fingerprint());
      }
      out.println(array);
    } else {
      for (BuiltinModel m : models) {
        out.printf(
            Locale.ROOT,
            "%-40s %4d dims, %3d tokens  %s%n    %s  %s%n",
            m.id(),
            m.dimension(),
            m.maxSeqLength(),
            m.name(),
            m.fingerprint(),
            m.folder());
      }
    }
    out.flush();
    return 0;
  }
}
