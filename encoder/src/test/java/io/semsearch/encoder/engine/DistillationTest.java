package io.semsearch.encoder.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.semsearch.encoder.model.ModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder;
import io.semsearch.encoder.testing.RandomModelFolder.DenseSpec;
import io.semsearch.encoder.train.LossKind;
import io.semsearch.encoder.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillationTest {

  @TempDir Path dir;

  private static final String SENTENCES =
      "a red apple on the table\nthe car is fast\n\n  a cold winter night  \n"
          + "dogs bark at strangers\nthe tower is tall\nrain falls on the roof\n"
          + "she reads a book\nthe river runs to the sea\n";

  @Test
  void theStudentLearnsTheReducedTeacherVectorsAndARerunReusesTheCache() throws Exception {
    Path teacher =
        RandomModelFolder.builder()
            .optSeed(1)
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .optDense()
            .writeTo(dir.resolve("teacher")); // 16 dimensions, normalized
    Path student =
        RandomModelFolder.builder()
            .optSeed(2)
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .optDense(new DenseSpec(16, 8, true, "Tanh"))
            .writeTo(dir.resolve("student")); // 8 dimensions, normalized
    Path sentences = Files.writeString(dir.resolve("s.txt"), SENTENCES);
    TrainingConfig config =
        TrainingConfig.defaults()
            .withRun(LossKind.MSE, 1, 8, 40)
            .withOptimizer(1e-2, 0, 0, 1.0, 42);
    Path out = dir.resolve("out");
    List<String> log = new ArrayList<>();
    Distillation.Summary first =
        Distillation.distill(
            teacher.toString(), student.toString(), sentences, config, out, r -> {}, log::add);
    assertThat(first.sentences()).isEqualTo(8);
    assertThat(first.teacherDimension()).isEqualTo(16);
    assertThat(first.studentDimension()).isEqualTo(8);
    assertThat(first.cacheReused()).isFalse();
    assertThat(first.explainedVariance()).isBetween(0.5, 1.0);
    assertThat(first.cache()).isRegularFile().hasParent(dir.resolve("out.teacher-cache"));
    // one batch of all 8 sentences each step: the same MSE, before and after 40 steps
    assertThat(first.training().steps()).isEqualTo(40);
    assertThat(first.training().lastLoss()).isLessThan(first.training().firstLoss() * 0.5);
    assertThat(log).anyMatch(l -> l.startsWith("PCA 16 -> 8 keeps "));
    assertThat(ModelFolder.read(out, "out").dimension()).isEqualTo(8);

    byte[] cached = Files.readAllBytes(first.cache());
    log.clear();
    Distillation.Summary again =
        Distillation.distill(
            teacher.toString(), student.toString(), sentences, config, out, r -> {}, log::add);
    assertThat(again.cacheReused()).isTrue();
    assertThat(again.cache()).isEqualTo(first.cache());
    assertThat(log).noneMatch(l -> l.startsWith("teacher " + "teacher:"));
    assertThat(log).contains("teacher vectors read from " + first.cache());
    // the same training up to float rounding (repeats can differ in the last bits, see Trainer)
    assertThat(again.training().lastLoss())
        .isCloseTo(first.training().lastLoss(), withinPercentage(0.1));
    assertThat(Files.readAllBytes(first.cache())).isEqualTo(cached);

    Files.writeString(sentences, SENTENCES + "one more line\n");
    Distillation.Summary changed =
        Distillation.distill(
            teacher.toString(), student.toString(), sentences, config, out, r -> {}, log::add);
    assertThat(changed.cacheReused()).isFalse();
    assertThat(changed.cache()).isNotEqualTo(first.cache());
  }

  @Test
  void aNarrowerTeacherOrAnEmptyFileIsRefused() throws Exception {
    Path narrow =
        RandomModelFolder.builder()
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .optDense(new DenseSpec(16, 4, true, "Tanh"))
            .writeTo(dir.resolve("narrow"));
    Path wide =
        RandomModelFolder.builder()
            .optHidden(16)
            .optHeads(2)
            .optIntermediate(32)
            .writeTo(dir.resolve("wide"));
    Path sentences = Files.writeString(dir.resolve("s.txt"), SENTENCES);
    TrainingConfig config = TrainingConfig.defaults().withRun(LossKind.MSE, 1, 8, 1);
    assertThatThrownBy(
            () ->
                Distillation.distill(
                    narrow.toString(),
                    wide.toString(),
                    sentences,
                    config,
                    dir.resolve("o"),
                    r -> {},
                    l -> {}))
        .hasMessage("the teacher's embeddings have 4 dimensions, fewer than the student's 256");
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n  \n");
    assertThatThrownBy(
            () ->
                Distillation.distill(
                    wide.toString(),
                    narrow.toString(),
                    empty,
                    config,
                    dir.resolve("o"),
                    r -> {},
                    l -> {}))
        .hasMessage(empty + ": no sentences (expected one a line)");
  }
}
