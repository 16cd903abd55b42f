package io.semsearch.encoder.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoRefTest {

  @Test
  void parsesIdAndOptionalRevision() {
    assertThat(RepoRef.parse("sentence-transformers/all-MiniLM-L6-v2"))
        .isEqualTo(new RepoRef("sentence-transformers/all-MiniLM-L6-v2", "main"));
    assertThat(RepoRef.parse("BAAI/bge-small-en-v1.5@v1.0"))
        .isEqualTo(new RepoRef("BAAI/bge-small-en-v1.5", "v1.0"));
    assertThat(RepoRef.parse("org/name@refs/pr/1").revision()).isEqualTo("refs/pr/1");
    assertThat(RepoRef.parse("org/name@v1").toString()).isEqualTo("org/name@v1");
  }

  @Test
  void knowsCommitHashesAndCacheFolderNames() {
    assertThat(RepoRef.parse("org/name@0123456789abcdef0123456789abcdef01234567").isCommitHash())
        .isTrue();
    assertThat(RepoRef.parse("org/name@0123456").isCommitHash()).isFalse();
    assertThat(RepoRef.parse("org/name").isCommitHash()).isFalse();
    assertThat(RepoRef.parse("sentence-transformers/all-MiniLM-L6-v2").cacheFolderName())
        .isEqualTo("models--sentence-transformers--all-MiniLM-L6-v2");
  }

  @Test
  void refusesMalformedIdsAndRevisions() {
    for (String bad :
        new String[] {
          "", "a/b/c", "org/na--me", "org/..", "-org/name", "org/name-", "org/na me", "/org/name"
        }) {
      assertThatThrownBy(() -> RepoRef.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got: '");
    }
    for (String bad :
        new String[] {
          "org/name@", "org/name@../../etc", "org/name@a//b", "org/name@/main", "org/name@a b"
        }) {
      assertThatThrownBy(() -> RepoRef.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("revision");
    }
  }

  @Test
  void looksLikeRepoIdWantsOrgSlashNameThatIsNoLocalPath(@TempDir Path dir) throws IOException {
    assertThat(RepoRef.looksLikeRepoId("sentence-transformers/all-MiniLM-L6-v2")).isTrue();
    assertThat(RepoRef.looksLikeRepoId("org/name@v2")).isTrue();
    assertThat(RepoRef.looksLikeRepoId("all-MiniLM-L6-v2")).isFalse();
    assertThat(RepoRef.looksLikeRepoId("models/minilm/v2")).isFalse();
    assertThat(RepoRef.looksLikeRepoId("./models")).isFalse();
    assertThat(RepoRef.looksLikeRepoId("/abs/path")).isFalse();
    assertThat(RepoRef.looksLikeRepoId(null)).isFalse();
    // an existing relative folder with the same shape is a local path, not a repo id
    Path local = Files.createDirectories(Path.of("target", "looks-like-test", "org-dir"));
    String relative = "target/looks-like-test";
    assertThat(Files.exists(Path.of(relative))).isTrue();
    assertThat(RepoRef.looksLikeRepoId(relative)).isFalse();
    Files.delete(local);
    Files.delete(Path.of(relative));
    assertThat(RepoRef.looksLikeRepoId(dir.toString())).isFalse();
  }
}
