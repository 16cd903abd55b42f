package io.semsearch.encoder.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.semsearch.encoder.DeviceSpec;
import io.semsearch.encoder.EncoderOptions;
import io.semsearch.encoder.Precision;
import io.semsearch.encoder.model.Activation;
import io.semsearch.encoder.model.CrossEncoderSpec;
import io.semsearch.encoder.model.ModelFormatException;
import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.JavaCrossEncoderReference;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder.ActivationSource;
import io.semsearch.encoder.testing.RandomCrossEncoderFolder.Head;
import io.semsearch.encoder.testing.RandomModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-encoder against the plain-Java reference ({@link JavaCrossEncoderReference}, which
 * shares no code with it), on random-weight {@code BertForSequenceClassification} folders of
 * several shapes, with and without a pooler, with the activation named in each place
 * sentence-transformers has written it; and the pair tokenization against single-text encodings
 * assembled by hand.
 */
class CrossEncoderFidelityTest {

  private static final double TOLERANCE = 1e-4;
  private static final long CLS = 101;
  private static final long SEP = 102;

  @TempDir Path dir;

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of("bert-tiny, pooler, default sigmoid", RandomModelFolder.builder(), standard()),
        Arguments.of(
            "1 layer x 64, 4 heads, relu, no pooler, identity (v3 config.json)",
            RandomModelFolder.builder()
                .optSeed(5)
                .optLayers(1)
                .optHidden(64)
                .optHeads(4)
                .optIntermediate(128)
                .optHiddenAct("relu"),
            new Head(
                false, "torch.nn.modules.linear.Identity", ActivationSource.CONFIG_JSON, 512, 3)),
        Arguments.of(
            "3 layers x 96, 3 heads, tanh (v5 config_sentence_transformers.json)",
            RandomModelFolder.builder()
                .optSeed(9)
                .optLayers(3)
                .optHidden(96)
                .optHeads(3)
                .optIntermediate(192),
            new Head(true, "torch.nn.modules.activation.Tanh", ActivationSource.ST_CONFIG, 512, 4)),
        Arguments.of(
            "bert-tiny, legacy identity",
            RandomModelFolder.builder().optSeed(13),
            new Head(true, "torch.nn.modules.linear.Identity", ActivationSource.LEGACY, 512, 5)));
  }

  private static Head standard() {
    return Head.standard();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void batchedPairsMatchReference(String name, RandomModelFolder.Builder encoder, Head head)
      throws IOException {
    Path folder = RandomCrossEncoderFolder.write(encoder, head, dir.resolve("ce"));
    JavaCrossEncoderReference reference = JavaCrossEncoderReference.load(folder);
    assertThat(reference.hasPooler()).isEqualTo(head.pooler());
    CrossEncoderSpec spec = CrossEncoderSpec.read(folder, "ce");
    Random random = new Random(name.length());
    List<long[]> sequences = new ArrayList<>();
    int[] firstSegments = new int[12];
    for (int b = 0; b < firstSegments.length; b++) {
      int query = 1 + random.nextInt(8);
      int passage = 1 + random.nextInt(40);
      long[] ids = new long[query + passage + 3];
      ids[0] = CLS;
      for (int i = 1; i < ids.length; i++) {
        ids[i] = 1000 + random.nextInt(28000);
      }
      ids[query + 1] = SEP;
      ids[ids.length - 1] = SEP;
      sequences.add(ids);
      firstSegments[b] = query + 2;
    }
    try (BertCrossEncoderModel model =
        new BertCrossEncoderModel(spec, Device.cpu(), Precision.FP32)) {
      assertThat(model.hasPooler()).isEqualTo(head.pooler());
      float[][] scores = model.embed(sequences, firstSegments);
      for (int b = 0; b < scores.length; b++) {
        long[] ids = sequences.get(b);
        int[] types = new int[ids.length];
        Arrays.fill(types, firstSegments[b], ids.length, 1);
        double expected = reference.score(toInt(ids), types);
        assertThat((double) scores[b][0])
            .as("%s, pair %d (%d tokens)", name, b, ids.length)
            .isCloseTo(expected, org.assertj.core.api.Assertions.within(TOLERANCE));
      }
    }
  }

  @Test
  void theActivationIsReadWhereEachVersionWritesIt() throws IOException {
    assertThat(activationOf(Head.standard(), "none")).isEqualTo(Activation.SIGMOID);
    for (ActivationSource source :
        List.of(
            ActivationSource.ST_CONFIG, ActivationSource.CONFIG_JSON, ActivationSource.LEGACY)) {
      Head head = new Head(true, "torch.nn.modules.linear.Identity", source, 512, 1);
      assertThat(activationOf(head, source.name()))
          .as(source.name())
          .isEqualTo(Activation.IDENTITY);
    }
  }

  private Activation activationOf(Head head, String name) throws IOException {
    Path folder =
        RandomCrossEncoderFolder.write(RandomModelFolder.builder(), head, dir.resolve(name));
    return CrossEncoderSpec.read(folder, name).activation();
  }

  @Test
  void pairsAreClsQuerySepPassageSepWithTokenTypes() throws IOException {
    Path folder =
        RandomCrossEncoderFolder.write(
            RandomModelFolder.builder(), Head.standard(), dir.resolve("t"));
    CrossEncoderSpec spec = CrossEncoderSpec.read(folder, "t");
    String query = "What is the capital of France?";
    String passage = "Paris is the capital and largest city of France.";
    try (PairTokenizer pairs = new PairTokenizer(spec.transformer());
        HuggingFaceTokenizer single = plainTokenizer(folder)) {
      long[] q = single.encode(query).getIds();
      long[] p = single.encode(passage).getIds();
      PairTokenizer.Pair pair = pairs.encode(query, passage);
      assertThat(pair.ids())
          .containsExactly(concat(new long[] {CLS}, q, new long[] {SEP}, p, new long[] {SEP}));
      assertThat(pair.firstSegment()).isEqualTo(q.length + 2);
    }
  }

  @Test
  void truncationCutsTheLongerTextFirst() throws IOException {
    Path folder =
        RandomCrossEncoderFolder.write(
            RandomModelFolder.builder(),
            new Head(true, null, ActivationSource.NONE, 32, 1),
            dir.resolve("short"));
    CrossEncoderSpec spec = CrossEncoderSpec.read(folder, "short");
    assertThat(spec.transformer().maxSeqLength()).isEqualTo(32);
    String shortText = "capital of france";
    String longText = FidelitySentences.longText(80, 3);
    try (PairTokenizer pairs = new PairTokenizer(spec.transformer());
        HuggingFaceTokenizer single = plainTokenizer(folder)) {
      long[] s = single.encode(shortText).getIds();
      long[] l = single.encode(longText).getIds();
      int room = 32 - 3 - s.length;
      PairTokenizer.Pair longPassage = pairs.encode(shortText, longText);
      assertThat(longPassage.ids())
          .containsExactly(
              concat(
                  new long[] {CLS}, s, new long[] {SEP}, Arrays.copyOf(l, room), new long[] {SEP}));
      PairTokenizer.Pair longQuery = pairs.encode(longText, shortText);
      assertThat(longQuery.ids())
          .containsExactly(
              concat(
                  new long[] {CLS}, Arrays.copyOf(l, room), new long[] {SEP}, s, new long[] {SEP}));
      assertThat(longQuery.firstSegment()).isEqualTo(room + 2);
    }
  }

  @Test
  void theEncoderScoresTextsAsTheReferenceDoes() throws IOException {
    Path folder =
        RandomCrossEncoderFolder.write(
            RandomModelFolder.builder().optSeed(21), Head.standard(), dir.resolve("e2e"));
    JavaCrossEncoderReference reference = JavaCrossEncoderReference.load(folder);
    String query = "how do cross encoders rank passages";
    List<String> passages = new ArrayList<>(FidelitySentences.varied(20, 7));
    passages.add(FidelitySentences.longText(700, 8)); // cut to 512 tokens
    EncoderOptions cpu = EncoderOptions.defaults().withDevice(DeviceSpec.parse("cpu"));
    try (TorchCrossEncoder encoder =
            new TorchCrossEncoder(CrossEncoderSpec.read(folder, "e2e"), cpu);
        HuggingFaceTokenizer single = plainTokenizer(folder)) {
      float[] scores = encoder.score(query, passages);
      long[] q = single.encode(query).getIds();
      for (int i = 0; i < passages.size(); i++) {
        long[] p = single.encode(passages.get(i)).getIds();
        p = Arrays.copyOf(p, Math.min(p.length, 512 - 3 - q.length));
        long[] ids = concat(new long[] {CLS}, q, new long[] {SEP}, p, new long[] {SEP});
        int[] types = new int[ids.length];
        Arrays.fill(types, q.length + 2, ids.length, 1);
        assertThat((double) scores[i])
            .as("passage %d", i)
            .isCloseTo(
                reference.score(toInt(ids), types),
                org.assertj.core.api.Assertions.within(TOLERANCE));
      }
    }
  }

  @Test
  void aBiEncoderFolderIsRefusedByName() throws IOException {
    Path folder = RandomModelFolder.builder().writeTo(dir.resolve("bi"));
    assertThatThrownBy(() -> CrossEncoderSpec.read(folder, "bi"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("config.json")
        .hasMessageContaining("sequence classifier");
  }

  @Test
  void severalLabelsAreRefused() throws IOException {
    Path folder =
        RandomCrossEncoderFolder.write(
            RandomModelFolder.builder(), Head.standard(), dir.resolve("m"));
    Path config = folder.resolve("config.json");
    Files.writeString(
        config,
        Files.readString(config).replace("\"id2label\":{\"0\":\"LABEL_0\"}", "\"num_labels\":3"));
    assertThatThrownBy(() -> CrossEncoderSpec.read(folder, "m"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("3 labels");
  }

  private static HuggingFaceTokenizer plainTokenizer(Path folder) throws IOException {
    return HuggingFaceTokenizer.newInstance(
        folder.resolve("tokenizer.json"),
        Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
  }

  private static long[] concat(long[]... parts) {
    return Arrays.stream(parts).flatMapToLong(Arrays::stream).toArray();
  }

  private static int[] toInt(long[] ids) {
    return Arrays.stream(ids).mapToInt(Math::toIntExact).toArray();
  }
}
