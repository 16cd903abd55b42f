package io.semsearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.semsearch.encoder.ModelInfo;
import io.semsearch.encoder.Precision;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexMetadataPrecisionTest {

  private static final ModelInfo FP32 = new ModelInfo("m", "abc", 4, 128, true);
  private static final ModelInfo INT8 = new ModelInfo("m", "abc", 4, 128, true, Precision.INT8);

  @Test
  void theEncodersPrecisionIsRecordedAndReadBack() {
    IndexMetadata written = IndexMetadata.of(INT8, IndexSettings.defaults());
    Map<String, String> data = written.toUserData();

    assertThat(data).containsEntry("semsearch.precision", "int8");
    assertThat(IndexMetadata.fromUserData(data)).isEqualTo(written);
    assertThat(IndexMetadata.fromUserData(data).precision()).isEqualTo(Precision.INT8);
  }

  @Test
  void anIndexWrittenBeforePrecisionWasRecordedIsFp32() {
    Map<String, String> data =
        new java.util.LinkedHashMap<>(
            IndexMetadata.of(FP32, IndexSettings.defaults()).toUserData());
    data.remove("semsearch.precision");

    assertThat(IndexMetadata.fromUserData(data).precision()).isEqualTo(Precision.FP32);
  }

  @Test
  void anotherPrecisionIsTheSameModelButAMismatchToLog() {
    IndexMetadata fp32Index = IndexMetadata.of(FP32, IndexSettings.defaults());

    fp32Index.requireSameModel(INT8); // no exception: int8 queries search an fp32 index
    assertThat(fp32Index.precisionMismatch(FP32)).isNull();
    assertThat(fp32Index.precisionMismatch(INT8))
        .startsWith("the index was embedded in fp32 but the encoder runs in int8");
  }
}
