package io.semsearch.indexer;

/** Told of progress by {@link CorpusIndexer}; implementations must be thread-safe. */
public interface IndexProgress {

  /** Reports nothing. */
  IndexProgress NONE = new IndexProgress() {};

  /** A good record was read; {@code changed} is false when its content was already indexed. */
  default void documentRead(boolean changed) {}

  /** A document's block of {@code passages} passages was written. */
  default void documentWritten(int passages) {}
}
