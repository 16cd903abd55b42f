package io.semsearch.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./semsearch} command line: one program, a subcommand per job. */
@Command(
    name = "semsearch",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description =
        "Self-hosted semantic search: sentence-transformers models on DJL PyTorch, Lucene HNSW.",
    subcommands = {
      EncodeCommand.class,
      IndexCommand.class,
      SearchCommand.class,
      MineCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      DeleteCommand.class,
      StatsCommand.class,
      CheckCommand.class,
      EvalCommand.class,
      TrainCommand.class,
      DistillCommand.class,
      ModelsCommand.class,
      SolrCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(String... args) {
    return run(null, null, args);
  }

  /** Runs the command line with the given output streams (null for stdout / stderr). */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new OneLineErrors());
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    return cli.execute(args);
  }

  /** Prints a failure as one line naming what went wrong, instead of a stack trace. */
  private static final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
      cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + describe(e));
      if (Boolean.getBoolean("semsearch.debug")) {
        e.printStackTrace(cli.getErr());
      }
      return 1;
    }

    private static String describe(Exception e) {
      if (e instanceof NoSuchFileException missing) {
        return missing.getFile() + ": no such file";
      }
      if (e instanceof AccessDeniedException denied) {
        return denied.getFile() + ": permission denied";
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return message.lines().findFirst().orElse("");
    }
  }
}
