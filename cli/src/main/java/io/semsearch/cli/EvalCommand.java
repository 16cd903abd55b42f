package io.semsearch.cli;

import picocli.CommandLine.Command;

/** Groups the evaluation jobs. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluates a model or an index.",
    subcommands = {EvalStsCommand.class, EvalIrCommand.class, EvalAnnCommand.class})
final class EvalCommand {}
