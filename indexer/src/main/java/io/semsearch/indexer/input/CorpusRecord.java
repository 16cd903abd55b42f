package io.semsearch.indexer.input;

/**
 * One item read from a corpus: a usable {@link CorpusDocument} or a {@link BadRecord} that explains
 * why a line or file was skipped.
 */
public sealed interface CorpusRecord permits CorpusDocument, BadRecord {

  /**
   * Where the record came from: {@code file:line} for line-based formats (the first line of a CSV
   * record that spans several), the file's path for a directory tree.
   */
  String location();
}
