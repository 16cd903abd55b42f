package io.semsearch.index;

import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * The codec semsearch writes with: Lucene's default codec, with the vector field's format chosen
 * from {@link IndexSettings}. The formats are constructed directly (their SPI names don't match
 * their class names). Readers need nothing special: each segment records its per-field format
 * names, so any Lucene 10.6 reader opens the index.
 */
final class VectorCodec {

  private VectorCodec() {}

  /**
   * The vector format for the settings; {@code mergeExecutor} may be null when merging
   * single-threaded.
   */
  static KnnVectorsFormat format(IndexSettings settings, ExecutorService mergeExecutor) {
    int m = settings.hnswM();
    int beam = settings.beamWidth();
    int workers = mergeExecutor == null ? 1 : settings.mergeThreads();
    return switch (settings.quantization()) {
      case NONE -> new Lucene99HnswVectorsFormat(m, beam, workers, mergeExecutor);
      case INT8 ->
          new Lucene104HnswScalarQuantizedVectorsFormat(
              ScalarEncoding.UNSIGNED_BYTE, m, beam, workers, mergeExecutor);
      case INT4 ->
          new Lucene104HnswScalarQuantizedVectorsFormat(
              ScalarEncoding.PACKED_NIBBLE, m, beam, workers, mergeExecutor);
      case BINARY ->
          new Lucene104HnswScalarQuantizedVectorsFormat(
              ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, m, beam, workers, mergeExecutor);
    };
  }

  /** Lucene's default codec with {@code format} for every vector field. */
  static Codec codec(KnnVectorsFormat format) {
    return new Lucene104Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }
}
