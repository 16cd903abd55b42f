/** The {@code ./semsearch} command line (picocli): one class per subcommand. */
package io.semsearch.cli;
