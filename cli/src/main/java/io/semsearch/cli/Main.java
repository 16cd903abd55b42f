package io.semsearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./semsearch} command line: one program, a subcommand per job. */
@Command(
    name = "semsearch",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Self-hosted semantic search: sentence-transformers models on DJL PyTorch, Lucene HNSW.",
    subcommands = {EncodeCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status (0 ok, 1 failure, 2 usage error). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new OneLineErrors());
    return cli.execute(args);
  }

  /** Prints a failure as one line naming what went wrong, instead of a stack trace. */
  private static final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      cli.getErr().println("semsearch " + cli.getCommandName() + ": " + message.lines().findFirst().orElse(""));
      if (Boolean.getBoolean("semsearch.debug")) {
        e.printStackTrace(cli.getErr());
      }
      return 1;
    }
  }
}
