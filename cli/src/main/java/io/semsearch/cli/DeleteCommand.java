package io.semsearch.cli;

import io.semsearch.index.IndexDirectory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Deletes documents from an index by id; needs no model. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Deletes documents (and all their passages) by id.")
final class DeleteCommand implements Callable<Integer> {

  @Option(names = "--index", required = true, paramLabel = "DIR", description = "Index folder.")
  Path index;

  @Option(
      names = "--id",
      required = true,
      paramLabel = "ID",
      description = "Document id; repeat for several.")
  List<String> ids;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long found = IndexDirectory.delete(index, ids);
    spec.commandLine().getOut().printf("deleted %d of %d ids from %s%n", found, ids.size(), index);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
