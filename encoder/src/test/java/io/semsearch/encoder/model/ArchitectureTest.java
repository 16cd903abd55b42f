package io.semsearch.encoder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.semsearch.encoder.testing.JavaBertReference;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * How {@code config.json}'s {@code model_type} becomes an {@link Architecture}, and MPNet buckets.
 */
class ArchitectureTest {

  private static final Path FILE = Path.of("m/config.json");

  private static BertConfig parse(String modelType, String extra) throws IOException {
    String json =
        "{\"model_type\":\""
            + modelType
            + "\",\"vocab_size\":10,\"hidden_size\":4,\"num_hidden_layers\":1,"
            + "\"num_attention_heads\":2,\"intermediate_size\":8,\"max_position_embeddings\":514"
            + extra
            + "}";
    return BertConfig.fromJson(new ObjectMapper().readTree(json), FILE);
  }

  @Test
  void bertCountsPositionsFromZero() throws IOException {
    BertConfig config = parse("bert", "");
    assertThat(config.architecture()).isEqualTo(new Architecture.Bert());
    assertThat(config.maxTokens()).isEqualTo(514);
    assertThat(config.typeVocabSize()).isEqualTo(2);
  }

  @Test
  void robertaAndXlmRobertaCountFromThePadTokenPlusOne() throws IOException {
    BertConfig roberta = parse("roberta", ",\"pad_token_id\":1,\"type_vocab_size\":1");
    assertThat(roberta.architecture().firstPosition()).isEqualTo(2);
    assertThat(roberta.architecture().tokenTypes()).isTrue();
    assertThat(roberta.maxTokens()).isEqualTo(512);
    assertThat(roberta.typeVocabSize()).isEqualTo(1);
    BertConfig xlmr = parse("xlm-roberta", ",\"pad_token_id\":5");
    assertThat(xlmr.architecture().modelType()).isEqualTo("xlm-roberta");
    assertThat(xlmr.architecture().firstPosition()).isEqualTo(6);
    assertThat(xlmr.architecture().layerNames().query()).isEqualTo("attention.self.query");
  }

  @Test
  void mpnetHasNoTokenTypesAndARelativeBias() throws IOException {
    BertConfig mpnet = parse("mpnet", ",\"pad_token_id\":7,\"relative_attention_num_buckets\":32");
    assertThat(mpnet.architecture().firstPosition()).as("padding index fixed at 1").isEqualTo(2);
    assertThat(mpnet.architecture().tokenTypes()).isFalse();
    assertThat(mpnet.typeVocabSize()).isZero();
    assertThat(mpnet.architecture().relativeAttentionBuckets()).isEqualTo(32);
    assertThat(mpnet.architecture().layerNames().attentionOutput()).isEqualTo("attention.attn.o");
  }

  @Test
  void otherBucketCountsAndUnknownTypesAreRefusedInOneLine() {
    assertThatThrownBy(() -> parse("mpnet", ",\"relative_attention_num_buckets\":64"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("m/config.json")
        .hasMessageContaining("mpnet")
        .hasMessageContaining("relative_attention_num_buckets must be 32");
    assertThatThrownBy(() -> parse("deberta-v2", ""))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("unsupported architecture model_type 'deberta-v2'")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> parse("roberta", ",\"max_position_embeddings\":2,\"pad_token_id\":1"))
        .isInstanceOf(ModelFormatException.class);
  }

  /** Buckets worked out by hand from T5's formula (32 buckets, exact below 8, log up to 128). */
  @Test
  void bucketsOfAFewDistancesByHand() {
    // key at or before the query: buckets 0..15
    assertThat(RelativePositionBuckets.bucket(0)).isEqualTo(0);
    assertThat(RelativePositionBuckets.bucket(-1)).isEqualTo(1);
    assertThat(RelativePositionBuckets.bucket(-7)).isEqualTo(7);
    // 8 + floor(ln(d/8) / ln(16) * 8): d=8 -> 8, d=12 -> 8 + floor(1.17) = 9, d=20 -> 8 + 2 = 10,
    // d=127 -> 8 + floor(7.98) = 15, d=128 -> 16 capped to 15
    assertThat(RelativePositionBuckets.bucket(-8)).isEqualTo(8);
    assertThat(RelativePositionBuckets.bucket(-12)).isEqualTo(9);
    assertThat(RelativePositionBuckets.bucket(-20)).isEqualTo(10);
    assertThat(RelativePositionBuckets.bucket(-127)).isEqualTo(15);
    assertThat(RelativePositionBuckets.bucket(-128)).isEqualTo(15);
    assertThat(RelativePositionBuckets.bucket(-1000)).isEqualTo(15);
    // key after the query: the same plus 16
    assertThat(RelativePositionBuckets.bucket(1)).isEqualTo(17);
    assertThat(RelativePositionBuckets.bucket(12)).isEqualTo(25);
    assertThat(RelativePositionBuckets.bucket(1000)).isEqualTo(31);
    assertThat(RelativePositionBuckets.table(2)).containsExactly(0, 17, 1, 0);
  }

  @Test
  void bucketsAgreeWithTheReferenceOnEveryDistanceUpTo600() {
    for (int d = -600; d <= 600; d++) {
      assertThat(RelativePositionBuckets.bucket(d))
          .as("distance " + d)
          .isEqualTo(JavaBertReference.mpnetBucket(d));
    }
    assertThat(JavaBertReference.mpnetBucket(-12)).isEqualTo(9);
    assertThat(JavaBertReference.mpnetBucket(12)).isEqualTo(25);
  }
}
