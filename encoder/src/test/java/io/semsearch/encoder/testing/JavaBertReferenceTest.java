package io.semsearch.encoder.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semsearch.encoder.model.Safetensors;
import io.semsearch.encoder.model.Tensor;
import io.semsearch.encoder.testing.JavaBertReference.Linear;
import io.semsearch.encoder.testing.JavaBertReference.Norm;
import io.semsearch.encoder.testing.JavaBertReference.PoolingMode;
import io.semsearch.encoder.testing.RandomModelFolder.DenseSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the reference against values worked out by hand, so it can serve as ground truth. */
class JavaBertReferenceTest {

  @TempDir Path dir;

  private static final float[] IDENTITY = {1, 0, 0, 1};

  private static Tensor t(String name, long[] shape, float... values) {
    return new Tensor(name, shape, values);
  }

  private static long[] shape(long... dims) {
    return dims;
  }

  /**
   * A 1-layer model with hidden size 2, one head, intermediate size 2, exact GELU and
   * layer_norm_eps 0.75, every weight set by hand; mean pooling, a Dense 2 -> 2 with Tanh,
   * Normalize. The large eps keeps 2-d LayerNorm from collapsing to +-(1, -1): for x = (a, b), mean
   * m = (a+b)/2, deviations +-delta with delta = (a-b)/2, so LN(x) = (delta, -delta) / sqrt(delta^2
   * + 0.75) * w + b.
   *
   * <pre>
   * ids [1, 1], token type 0
   * embeddings  word[1] = (1, 0); position[0] = (0, 0), position[1] = (0, 2); type[0] = (0.5, 0.5)
   *             (type[1] = (0, 10) would flip the signs if used by mistake)
   *   e0 = (1.5, 0.5)  delta  0.5, sqrt(0.25 + 0.75) = 1  ->  x0 = ( 0.5, -0.5)
   *   e1 = (1.5, 2.5)  delta -0.5                         ->  x1 = (-0.5,  0.5)
   * attention   Q = K = identity, V = -3 * identity, biases 0, scale 1/sqrt(2)
   *   scores row 0: x0.x0/sqrt2 = 0.353553, x0.x1/sqrt2 = -0.353553
   *   p = softmax = (sigmoid(0.707107), ...) = (0.669762, 0.330238)
   *   ctx0 = -3 (p0 x0 + p1 x1) = -3 * 0.339524 * (0.5, -0.5) = (-0.509285, 0.509285); ctx1 = -ctx0
   * attention.output.dense = identity, bias (0.2, 0); residual:
   *   y0 = x0 + ctx0 + (0.2, 0) = (0.190715, 0.009285)
   *   y1 = x1 + ctx1 + (0.2, 0) = (0.209285, -0.009285)
   * attention.output.LayerNorm w (2, 1), b (0, 0.5):
   *   y0: delta 0.090715, /sqrt(0.008229 + 0.75) = 0.104179 -> h0 = (0.208358, 0.395821)
   *   y1: delta 0.109285 -> 0.125198                       -> h1 = (0.250396, 0.374802)
   * intermediate = identity, bias 0, GELU(v) = v * Phi(v):
   *   i0 = (0.121374, 0.258820), i1 = (0.149952, 0.242158)
   * output.dense = identity, bias 0; residual z = h + i:
   *   z0 = (0.329732, 0.654641), z1 = (0.400348, 0.616960)
   * output.LayerNorm w (1, 2), b (0.3, 0):
   *   z0: delta -0.162454 -> -0.184370 -> t0 = (0.115630, 0.368741)
   *   z1: delta -0.108306 -> -0.124094 -> t1 = (0.175906, 0.248188)
   * mean pooling: (0.145768, 0.308464)
   * Dense W [[2, 1], [1, -1]], b (0.1, 0.5), Tanh:
   *   tanh(2 * 0.145768 + 0.308464 + 0.1) = tanh(0.700000) = 0.604368
   *   tanh(0.145768 - 0.308464 + 0.5)     = tanh(0.337304) = 0.325068
   * Normalize: / 0.686243 -> (0.880691, 0.473692)
   * </pre>
   */
  @Test
  void handWorkedOneLayerModel() throws IOException {
    Path model = handModel();
    JavaBertReference reference = JavaBertReference.load(model);

    float[][] tokens = reference.tokenEmbeddings(new int[] {1, 1});
    assertThat(tokens[0]).containsExactly(new float[] {0.11562963f, 0.36874073f}, within(1e-6f));
    assertThat(tokens[1]).containsExactly(new float[] {0.17590602f, 0.24818797f}, within(1e-6f));

    assertThat(reference.embed(new int[] {1, 1}))
        .containsExactly(new float[] {0.88069052f, 0.47369210f}, within(1e-6f));
    assertThat(reference.dimension()).isEqualTo(2);
    assertThat(reference.poolingModes()).containsExactly(PoolingMode.MEAN);
    assertThat(reference.normalizes()).isTrue();
  }

  @Test
  void sentenceEmbeddingOfGivenTokensIsPoolingDenseNormalize() throws IOException {
    JavaBertReference reference = JavaBertReference.load(handModel());
    // tokens (0.2, 0.4), (0.6, 0.0), masked (9, 9): mean (0.4, 0.2)
    // Dense: tanh(0.8 + 0.2 + 0.1) = tanh(1.1) = 0.800499, tanh(0.4 - 0.2 + 0.5) = tanh(0.7) =
    // 0.604368
    // norm sqrt(0.640798 + 0.365260) = 1.003025 -> (0.798085, 0.602545)
    float[] out =
        reference.sentenceEmbedding(
            new float[][] {{0.2f, 0.4f}, {0.6f, 0f}, {9, 9}}, new int[] {1, 1, 0});
    assertThat(out).containsExactly(new float[] {0.798085f, 0.602545f}, within(1e-5f));
  }

  private Path handModel() throws IOException {
    Path model =
        RandomModelFolder.builder()
            .optVocabSize(4)
            .optHidden(2)
            .optHeads(1)
            .optIntermediate(2)
            .optLayers(1)
            .optMaxPositions(4)
            .optLayerNormEps(0.75)
            .optPooler(false)
            .optDense(new DenseSpec(2, 2, true, "Tanh"))
            .writeTo(dir.resolve("hand"));
    String l = "encoder.layer.0.";
    Safetensors.write(
        model.resolve("model.safetensors"),
        List.of(
            t("embeddings.word_embeddings.weight", shape(4, 2), 0, 0, 1, 0, 0, 3, 9, 9),
            t("embeddings.position_embeddings.weight", shape(4, 2), 0, 0, 0, 2, 0, 0, 0, 0),
            t("embeddings.token_type_embeddings.weight", shape(2, 2), 0.5f, 0.5f, 0, 10),
            t("embeddings.LayerNorm.weight", shape(2), 1, 1),
            t("embeddings.LayerNorm.bias", shape(2), 0, 0),
            t(l + "attention.self.query.weight", shape(2, 2), IDENTITY),
            t(l + "attention.self.query.bias", shape(2), 0, 0),
            t(l + "attention.self.key.weight", shape(2, 2), IDENTITY),
            t(l + "attention.self.key.bias", shape(2), 0, 0),
            t(l + "attention.self.value.weight", shape(2, 2), -3, 0, 0, -3),
            t(l + "attention.self.value.bias", shape(2), 0, 0),
            t(l + "attention.output.dense.weight", shape(2, 2), IDENTITY),
            t(l + "attention.output.dense.bias", shape(2), 0.2f, 0),
            t(l + "attention.output.LayerNorm.weight", shape(2), 2, 1),
            t(l + "attention.output.LayerNorm.bias", shape(2), 0, 0.5f),
            t(l + "intermediate.dense.weight", shape(2, 2), IDENTITY),
            t(l + "intermediate.dense.bias", shape(2), 0, 0),
            t(l + "output.dense.weight", shape(2, 2), IDENTITY),
            t(l + "output.dense.bias", shape(2), 0, 0),
            t(l + "output.LayerNorm.weight", shape(2), 1, 2),
            t(l + "output.LayerNorm.bias", shape(2), 0.3f, 0)));
    Safetensors.write(
        model.resolve("2_Dense/model.safetensors"),
        List.of(
            t("linear.weight", shape(2, 2), 2, 1, 1, -1), t("linear.bias", shape(2), 0.1f, 0.5f)));
    return model;
  }

  @Test
  void layerNormMatchesHandComputation() {
    // (1, 2, 3, 4): mean 2.5, biased variance 1.25, eps 0 -> (-1.5, -0.5, 0.5, 1.5) / 1.118034
    // then * (1, 1, 2, 1) + (0, 0, 0, 1)
    Norm norm = new Norm(new float[] {1, 1, 2, 1}, new float[] {0, 0, 0, 1}, 0);
    assertThat(norm.apply(new double[] {1, 2, 3, 4}))
        .containsExactly(new double[] {-1.341641, -0.447214, 0.894427, 2.341641}, within(1e-6));
  }

  @Test
  void attentionHeadsUseTheirOwnDimensions() {
    // two heads of size 1 (scale 1), Q = K = V = identity, tokens x0 = (1, 0), x1 = (0, 2)
    // head 0 sees (1, 0): token 0 scores (1, 0) -> softmax (0.731059, 0.268941) -> 0.731059
    //                     token 1 scores (0, 0) -> (0.5, 0.5)                  -> 0.5
    // head 1 sees (0, 2): token 0 scores (0, 0) -> (0.5, 0.5)                  -> 1.0
    //                     token 1 scores (0, 4) -> (0.017986, 0.982014)        -> 1.964028
    Linear identity = new Linear(2, 2, IDENTITY, new float[2]);
    double[][] context =
        JavaBertReference.attention(
            new double[][] {{1, 0}, {0, 2}}, new int[] {1, 1}, identity, identity, identity, 2);
    assertThat(context[0]).containsExactly(new double[] {0.731059, 1.0}, within(1e-6));
    assertThat(context[1]).containsExactly(new double[] {0.5, 1.964028}, within(1e-6));
  }

  @Test
  void attentionScalesByOneOverSqrtOfHeadSize() {
    // one head of size 4: x0 = (1, 1, 1, 1), x1 = 0; token 0 scores (4/2, 0) -> p0 = sigmoid(2) =
    // 0.880797
    float[] eye = new float[16];
    for (int i = 0; i < 4; i++) {
      eye[i * 5] = 1;
    }
    Linear identity = new Linear(4, 4, eye, null);
    double[][] context =
        JavaBertReference.attention(
            new double[][] {{1, 1, 1, 1}, {0, 0, 0, 0}},
            new int[] {1, 1},
            identity,
            identity,
            identity,
            1);
    assertThat(context[0])
        .containsExactly(new double[] {0.880797, 0.880797, 0.880797, 0.880797}, within(1e-6));
  }

  @Test
  void maskedKeysGetNoAttention() {
    // one head of size 1; token 1 is masked, so both tokens attend to token 0 alone: context = v0 =
    // 3
    Linear identity = new Linear(1, 1, new float[] {1}, null);
    double[][] context =
        JavaBertReference.attention(
            new double[][] {{3}, {-7}}, new int[] {1, 0}, identity, identity, identity, 1);
    assertThat(context[0]).containsExactly(3.0);
    assertThat(context[1]).containsExactly(3.0);
  }

  // Pooling on three 2-d tokens, the middle one masked and holding large values that must not leak:
  //   t0 = (1, 2), t1 = (50, -50) masked, t2 = (3, -4)
  private static final float[][] TOKENS = {{1, 2}, {50, -50}, {3, -4}};
  private static final int[] MIDDLE_MASKED = {1, 0, 1};

  private static float[] pool(int[] mask, PoolingMode... modes) {
    return JavaBertReference.pool(TOKENS, mask, EnumSet.copyOf(List.of(modes)));
  }

  @Test
  void clsIsTheFirstToken() {
    assertThat(pool(MIDDLE_MASKED, PoolingMode.CLS)).containsExactly(1, 2);
  }

  @Test
  void maxSkipsMaskedTokens() {
    // max(1, 3) = 3, max(2, -4) = 2
    assertThat(pool(MIDDLE_MASKED, PoolingMode.MAX)).containsExactly(3, 2);
  }

  @Test
  void meanDividesByTheUnmaskedCount() {
    // sum (4, -2) over 2 tokens
    assertThat(pool(MIDDLE_MASKED, PoolingMode.MEAN)).containsExactly(2, -1);
  }

  @Test
  void meanSqrtLenDividesBySquareRootOfCount() {
    // sum (4, -2) / sqrt(2)
    assertThat(pool(MIDDLE_MASKED, PoolingMode.MEAN_SQRT_LEN))
        .containsExactly(new float[] {2.8284271f, -1.4142135f}, within(1e-6f));
  }

  @Test
  void weightedMeanWeighsByPositionFromOne() {
    // weights 1, (2 masked), 3: (1*1 + 3*3) / 4 = 2.5, (1*2 + 3*-4) / 4 = -2.5
    assertThat(pool(MIDDLE_MASKED, PoolingMode.WEIGHTED_MEAN)).containsExactly(2.5f, -2.5f);
    // right padding, mask 1 1 0: (1*t0 + 2*t1) / 3 = (101/3, -98/3)
    assertThat(pool(new int[] {1, 1, 0}, PoolingMode.WEIGHTED_MEAN))
        .containsExactly(new float[] {101f / 3, -98f / 3}, within(1e-5f));
  }

  @Test
  void lastTokenIsTheLastUnmaskedOne() {
    assertThat(pool(MIDDLE_MASKED, PoolingMode.LAST_TOKEN)).containsExactly(3, -4);
    assertThat(pool(new int[] {1, 1, 0}, PoolingMode.LAST_TOKEN)).containsExactly(50, -50);
  }

  @Test
  void modesAreConcatenatedInSentenceTransformersOrder() {
    // cls, max, mean, mean_sqrt_len, weightedmean, lasttoken, whatever order they are asked in
    float[] all =
        pool(
            MIDDLE_MASKED,
            PoolingMode.LAST_TOKEN,
            PoolingMode.MEAN,
            PoolingMode.CLS,
            PoolingMode.WEIGHTED_MEAN,
            PoolingMode.MAX,
            PoolingMode.MEAN_SQRT_LEN);
    assertThat(all)
        .containsExactly(
            new float[] {1, 2, 3, 2, 2, -1, 2.8284271f, -1.4142135f, 2.5f, -2.5f, 3, -4},
            within(1e-6f));
  }

  @Test
  void fullyMaskedSequenceFollowsSentenceTransformers() {
    // max keeps the -1e9 fill, the means divide zero by 1e-9 (or its root), last token gives zeros
    float[] out =
        pool(
            new int[] {0, 0, 0},
            PoolingMode.CLS,
            PoolingMode.MAX,
            PoolingMode.MEAN,
            PoolingMode.WEIGHTED_MEAN,
            PoolingMode.LAST_TOKEN);
    assertThat(out).containsExactly(1, 2, -1e9f, -1e9f, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void normalizeGivesUnitLength() {
    // (3, 4) / 5
    assertThat(JavaBertReference.normalize(new float[] {3, 4}))
        .containsExactly(new float[] {0.6f, 0.8f}, within(1e-7f));
    float[] v = JavaBertReference.normalize(new float[] {0.001f, -2, 7, 0.5f});
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-6));
    // a zero vector stays zero (divided by eps 1e-12)
    assertThat(JavaBertReference.normalize(new float[] {0, 0})).containsExactly(0, 0);
  }

  @Test
  void erfMatchesKnownValues() {
    // values of Python's math.erf / math.erfc
    assertThat(JavaBertReference.erf(0)).isZero();
    assertThat(JavaBertReference.erf(0.1)).isCloseTo(0.1124629160182849, within(1e-15));
    assertThat(JavaBertReference.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-14));
    assertThat(JavaBertReference.erf(1)).isCloseTo(0.8427007929497149, within(1e-14));
    assertThat(JavaBertReference.erf(-1.2)).isCloseTo(-0.9103139782296353, within(1e-14));
    assertThat(JavaBertReference.erf(2)).isCloseTo(0.9953222650189527, within(1e-14));
    assertThat(1 - JavaBertReference.erf(2.9)).isCloseTo(4.109787809945886e-05, within(1e-15));
    assertThat(1 - JavaBertReference.erf(3.1)).isCloseTo(1.1648657367199589e-05, within(1e-15));
    assertThat(1 - JavaBertReference.erf(3.0)).isCloseTo(2.2090496998585438e-05, within(1e-14));
    assertThat(JavaBertReference.erf(3.5)).isCloseTo(0.9999992569016276, within(1e-14));
    assertThat(1 - JavaBertReference.erf(4)).isCloseTo(1.541725790028002e-08, within(1e-15));
    // continuous where the method changes at 3
    assertThat(JavaBertReference.erf(Math.nextUp(3.0)) - JavaBertReference.erf(3.0))
        .isCloseTo(0, within(1e-14));
  }

  @Test
  void activationsMatchKnownValues() {
    // values from Python's math module with the torch / Hugging Face formulas
    assertThat(JavaBertReference.activation("gelu", 1))
        .isCloseTo(0.8413447460685429, within(1e-12));
    assertThat(JavaBertReference.activation("gelu", -0.5))
        .isCloseTo(-0.15426876936299344, within(1e-12));
    assertThat(JavaBertReference.activation("torch.nn.modules.activation.GELU", -6))
        .isCloseTo(-5.919525869479969e-09, within(1e-15));
    assertThat(JavaBertReference.activation("gelu_new", 1))
        .isCloseTo(0.8411919906082768, within(1e-12));
    assertThat(JavaBertReference.activation("gelu_pytorch_tanh", -0.5))
        .isCloseTo(-0.15428599017485606, within(1e-12));
    assertThat(JavaBertReference.activation("silu", 1))
        .isCloseTo(0.7310585786300049, within(1e-12));
    assertThat(JavaBertReference.activation("swish", 1))
        .isCloseTo(0.7310585786300049, within(1e-12));
    assertThat(JavaBertReference.activation("quick_gelu", 1))
        .isCloseTo(0.8457957659328212, within(1e-12));
    assertThat(JavaBertReference.activation("torch.nn.modules.activation.Mish", 1))
        .isCloseTo(0.8650983882673103, within(1e-12));
    assertThat(JavaBertReference.activation("Softplus", 1))
        .isCloseTo(1.3132616875182228, within(1e-12));
    assertThat(JavaBertReference.activation("Softplus", 30)).isEqualTo(30);
    assertThat(JavaBertReference.activation("LogSigmoid", 1))
        .isCloseTo(-0.31326168751822286, within(1e-12));
    assertThat(JavaBertReference.activation("ELU", -1))
        .isCloseTo(-0.6321205588285577, within(1e-12));
    assertThat(JavaBertReference.activation("SELU", -1))
        .isCloseTo(-1.1113307378125625, within(1e-12));
    assertThat(JavaBertReference.activation("LeakyReLU", -2)).isCloseTo(-0.02, within(1e-15));
    assertThat(JavaBertReference.activation("relu", -2)).isZero();
    assertThat(JavaBertReference.activation("torch.nn.modules.linear.Identity", -2)).isEqualTo(-2);
    assertThat(JavaBertReference.activation("Tanh", 0.5)).isCloseTo(Math.tanh(0.5), within(1e-15));
    assertThat(JavaBertReference.activation("Sigmoid", 0)).isEqualTo(0.5);
    assertThat(JavaBertReference.activation("Hardtanh", 3)).isEqualTo(1);
    assertThat(JavaBertReference.activation("Softsign", 3)).isEqualTo(0.75);
    assertThat(JavaBertReference.activation("Tanhshrink", 1))
        .isCloseTo(1 - Math.tanh(1), within(1e-15));
    assertThat(JavaBertReference.activation("Hardswish", 1)).isCloseTo(4.0 / 6, within(1e-15));
    assertThat(JavaBertReference.activation("Softshrink", -1)).isEqualTo(-0.5);
    assertThatThrownBy(() -> JavaBertReference.activation("torch.nn.modules.activation.PReLU", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PReLU");
  }

  @Test
  void bertPrefixedWeightsGiveTheSameEmbedding() throws IOException {
    RandomModelFolder.Builder small =
        RandomModelFolder.builder()
            .optSeed(11)
            .optHidden(32)
            .optHeads(4)
            .optIntermediate(64)
            .optLayers(2);
    JavaBertReference plain =
        JavaBertReference.load(small.optBertPrefix(false).writeTo(dir.resolve("plain")));
    Path prefixedFolder = small.optBertPrefix(true).writeTo(dir.resolve("prefixed"));
    assertThat(Safetensors.read(prefixedFolder.resolve("model.safetensors")))
        .containsKey("bert.encoder.layer.1.output.LayerNorm.bias");
    JavaBertReference prefixed = JavaBertReference.load(prefixedFolder);

    assertThat(plain.hasBertPrefix()).isFalse();
    assertThat(prefixed.hasBertPrefix()).isTrue();
    int[] ids = {101, 7592, 2088, 102};
    assertThat(prefixed.embed(ids)).containsExactly(plain.embed(ids));
    assertThat(prefixed.tokenEmbeddings(ids)[3]).containsExactly(plain.tokenEmbeddings(ids)[3]);
  }

  @Test
  void paddingWithAMaskChangesNothing() throws IOException {
    JavaBertReference reference =
        JavaBertReference.load(
            RandomModelFolder.builder()
                .optHidden(32)
                .optHeads(2)
                .optIntermediate(64)
                .optPooling(
                    PoolingMode.CLS,
                    PoolingMode.MAX,
                    PoolingMode.MEAN,
                    PoolingMode.MEAN_SQRT_LEN,
                    PoolingMode.WEIGHTED_MEAN,
                    PoolingMode.LAST_TOKEN)
                .writeTo(dir.resolve("m")));
    int[] ids = {101, 7592, 2088, 102};
    int[] padded = {101, 7592, 2088, 102, 0, 0};
    int[] mask = {1, 1, 1, 1, 0, 0};

    assertThat(reference.embed(padded, mask)).containsExactly(reference.embed(ids), within(1e-6f));
    float[][] alone = reference.tokenEmbeddings(ids);
    float[][] withPadding = reference.tokenEmbeddings(padded, mask);
    for (int t = 0; t < ids.length; t++) {
      assertThat(withPadding[t]).containsExactly(alone[t], within(1e-6f));
    }
  }

  @Test
  void positionIdsFollowHuggingFaceForEachArchitecture() throws IOException {
    int[] padded = {0, 261, 264, 2, 1, 1};
    for (String type : List.of("bert", "roberta", "xlm-roberta", "mpnet")) {
      JavaBertReference reference =
          JavaBertReference.load(
              RandomModelFolder.builder()
                  .optArchitecture(type)
                  .optLayers(1)
                  .optHidden(16)
                  .optHeads(2)
                  .optIntermediate(16)
                  .writeTo(dir.resolve(type)));
      assertThat(reference.modelType()).isEqualTo(type);
      // BERT counts from 0; the others count non-pad tokens from pad + 1 = 2, pads get 1
      int[] expected =
          type.equals("bert") ? new int[] {0, 1, 2, 3, 4, 5} : new int[] {2, 3, 4, 5, 1, 1};
      assertThat(reference.positionIds(padded)).as(type).containsExactly(expected);
    }
  }

  @Test
  void mpnetPaddingWithAMaskChangesNothing() throws IOException {
    JavaBertReference reference =
        JavaBertReference.load(
            RandomModelFolder.builder()
                .optArchitecture("mpnet")
                .optHidden(32)
                .optIntermediate(64)
                .writeTo(dir.resolve("mpnet")));
    int[] ids = {0, 261, 264, 2};
    int[] padded = {0, 261, 264, 2, 1, 1, 1};
    int[] mask = {1, 1, 1, 1, 0, 0, 0};
    assertThat(reference.embed(padded, mask)).containsExactly(reference.embed(ids), within(1e-6f));
  }

  @Test
  void defaultRandomModelGivesUnitVectorsOf256() throws IOException {
    JavaBertReference reference =
        JavaBertReference.load(RandomModelFolder.builder().writeTo(dir.resolve("tiny")));
    assertThat(reference.hiddenSize()).isEqualTo(128);
    assertThat(reference.numLayers()).isEqualTo(2);
    assertThat(reference.numHeads()).isEqualTo(2);
    assertThat(reference.maxSeqLength()).isEqualTo(384);
    assertThat(reference.hiddenAct()).isEqualTo("gelu");
    assertThat(reference.dimension()).isEqualTo(256);

    float[] a = reference.embed(new int[] {101, 7592, 2088, 102});
    float[] b = reference.embed(new int[] {101, 2204, 2851, 102});
    assertThat(a).hasSize(256);
    double norm = 0;
    for (float x : a) {
      norm += (double) x * x;
    }
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-6));
    assertThat(Arrays.equals(a, b)).isFalse();
  }

  @Test
  void folderWithoutModulesIsMeanPooled() throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .optLayers(1)
            .writeTo(dir.resolve("m"));
    JavaBertReference full = JavaBertReference.load(folder);
    Files.delete(folder.resolve("modules.json"));
    JavaBertReference bare = JavaBertReference.load(folder);

    int[] ids = {101, 2023, 102};
    assertThat(bare.poolingModes()).isEqualTo(Set.of(PoolingMode.MEAN));
    assertThat(bare.dimension()).isEqualTo(16);
    assertThat(bare.embed(ids))
        .containsExactly(
            JavaBertReference.pool(
                full.tokenEmbeddings(ids), new int[] {1, 1, 1}, Set.of(PoolingMode.MEAN)),
            within(1e-6f));
  }

  @Test
  void legacyPoolingModeStringAndMissingMeanKeyFollowSentenceTransformers() throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .optLayers(1)
            .optDense()
            .writeTo(dir.resolve("m"));
    Files.writeString(
        folder.resolve("1_Pooling/config.json"),
        "{\"word_embedding_dimension\": 16, \"pooling_mode\": \"lasttoken\","
            + " \"pooling_mode_mean_tokens\": true}");
    assertThat(JavaBertReference.load(folder).poolingModes())
        .containsExactly(PoolingMode.LAST_TOKEN);
    // Pooling's constructor defaults pooling_mode_mean_tokens to true
    Files.writeString(
        folder.resolve("1_Pooling/config.json"),
        "{\"word_embedding_dimension\": 16, \"pooling_mode_cls_token\": true}");
    assertThat(JavaBertReference.load(folder).poolingModes())
        .containsExactly(PoolingMode.CLS, PoolingMode.MEAN);
  }

  @Test
  void refusesBadInput() throws IOException {
    JavaBertReference reference = JavaBertReference.load(handModel());
    assertThatThrownBy(() -> reference.embed(new int[] {4}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token id 4");
    assertThatThrownBy(() -> reference.embed(new int[] {1, 1, 1, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reference.embed(new int[0]))
        .isInstanceOf(IllegalArgumentException.class);

    Path model = dir.resolve("hand");
    Safetensors.write(
        model.resolve("model.safetensors"),
        List.of(t("embeddings.word_embeddings.weight", shape(4, 2), new float[8])));
    assertThatThrownBy(() -> JavaBertReference.load(model))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("missing tensor embeddings.position_embeddings.weight");
  }
}
