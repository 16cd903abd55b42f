package io.semsearch.indexer.input;

import java.io.Closeable;
import java.io.IOException;

/** One format's reader behind {@link CorpusReader}: yields records one at a time. */
interface RecordSource extends Closeable {

  /**
   * The next record, or {@code null} at the end of the input.
   *
   * @throws IOException if the input can't be read (not for bad records, which are returned)
   */
  CorpusRecord read() throws IOException;
}
