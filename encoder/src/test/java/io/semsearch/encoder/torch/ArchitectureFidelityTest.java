package io.semsearch.encoder.torch;

import static io.semsearch.encoder.torch.JavaReferenceFidelityTest.assertMatchesReference;

import io.semsearch.encoder.testing.FidelitySentences;
import io.semsearch.encoder.testing.JavaBertReference;
import io.semsearch.encoder.testing.JavaBertReference.PoolingMode;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder.DenseSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RoBERTa, XLM-RoBERTa and MPNet folders with random weights against the plain-Java reference
 * ({@link JavaBertReference}), which computes position ids from the ids as Hugging Face does and
 * MPNet's relative bias with its own bucket function: batches of 8 texts of different lengths (so
 * packed position ids must restart, offset, in every sequence) and a text long enough to reach
 * every bucket (over 128 tokens).
 */
class ArchitectureFidelityTest {

  @TempDir Path dir;

  private static List<String> texts(int count, long seed) {
    List<String> texts = new ArrayList<>(FidelitySentences.varied(count, seed));
    texts.add(FidelitySentences.longText(300, seed + 1));
    return texts;
  }

  @ParameterizedTest
  @ValueSource(strings = {"roberta", "xlm-roberta", "mpnet"})
  void bertTinyShapeMatchesReference(String modelType) throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optArchitecture(modelType)
            .optSeed(modelType.hashCode())
            .writeTo(dir.resolve(modelType));
    assertMatchesReference(folder, texts(20, 21));
  }

  @Test
  void robertaOfAnotherShapeWithPrefixedWeights() throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optArchitecture("roberta")
            .optSeed(5)
            .optLayers(3)
            .optHidden(96)
            .optHeads(4)
            .optIntermediate(200)
            .optVocabSize(300)
            .optMaxPositions(130)
            .optMaxSeqLength(128)
            .optBertPrefix(true)
            .optPooling(PoolingMode.CLS)
            .optDense()
            .writeTo(dir.resolve("roberta-wide"));
    assertMatchesReference(folder, texts(10, 22));
  }

  @Test
  void mpnetOfAnotherShapeWithPrefixedWeights() throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optArchitecture("mpnet")
            .optSeed(6)
            .optLayers(1)
            .optHidden(64)
            .optHeads(8)
            .optIntermediate(96)
            .optHiddenAct("relu")
            .optBertPrefix(true)
            .optPooling(PoolingMode.MEAN, PoolingMode.MAX)
            .optDense(new DenseSpec(128, 16, false, "Identity"))
            .optNormalize(false)
            .writeTo(dir.resolve("mpnet-narrow"));
    assertMatchesReference(folder, texts(10, 23));
  }

  @Test
  void xlmRobertaWithFourLayersAndHeads() throws IOException {
    Path folder =
        RandomModelFolder.builder()
            .optArchitecture("xlm-roberta")
            .optSeed(8)
            .optLayers(4)
            .optHeads(4)
            .optLayerNormEps(1e-5)
            .optPooling(PoolingMode.WEIGHTED_MEAN)
            .writeTo(dir.resolve("xlmr"));
    assertMatchesReference(folder, texts(10, 24));
  }
}
