package io.semsearch.encoder.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HubModelResolverTest {

  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String REPO = "tiny-org/tiny-model";

  /** What a sentence-transformers model needs, and must be downloaded. */
  private static final List<String> WANTED =
      List.of(
          "modules.json",
          "config_sentence_transformers.json",
          "sentence_bert_config.json",
          "config.json",
          "tokenizer.json",
          "tokenizer_config.json",
          "special_tokens_map.json",
          "vocab.txt",
          "model.safetensors",
          "1_Pooling/config.json",
          "2_Dense/config.json",
          "2_Dense/model.safetensors");

  /** In the repo too, but never to be fetched. */
  private static final List<String> UNWANTED =
      List.of(
          "pytorch_model.bin",
          "2_Dense/pytorch_model.bin",
          "onnx/model.onnx",
          "openvino/openvino_model.bin",
          "README.md",
          ".gitattributes",
          "3_Unused/config.json");

  @TempDir Path cacheDir;

  private FakeHub hub;
  private Map<String, byte[]> files;

  @BeforeEach
  void startHub() throws IOException {
    hub = new FakeHub();
    files = tinyModel();
    hub.add(new FakeHub.Repo(REPO, SHA, files, null));
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }

  @Test
  void downloadsOnlyTheModelFilesByteForByte() throws IOException {
    Path snapshot;
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      snapshot = resolver.resolve(REPO);
    }

    assertThat(snapshot)
        .isEqualTo(cacheDir.resolve("models--tiny-org--tiny-model/snapshots/" + SHA));
    for (String name : WANTED) {
      assertThat(snapshot.resolve(name)).as(name).hasBinaryContent(files.get(name));
    }
    for (String name : UNWANTED) {
      assertThat(snapshot.resolve(name)).as(name).doesNotExist();
    }
    assertThat(hub.fileRequests()).noneMatch(r -> UNWANTED.stream().anyMatch(r.path()::endsWith));
    assertThat(cacheDir.resolve("models--tiny-org--tiny-model/refs/main")).hasContent(SHA);
    assertThat(snapshot.resolve(HubCache.COMPLETE_MARKER)).exists();
    assertThat(listFiles(cacheDir.resolve("models--tiny-org--tiny-model/.incomplete"))).isEmpty();
    // the weights went through the redirect to storage, vocab.txt through a relative redirect
    assertThat(hub.requests())
        .anyMatch(
            r -> r.server().equals("storage") && r.path().endsWith("/2_Dense/model.safetensors"));
    assertThat(hub.requests())
        .anyMatch(r -> r.path().startsWith("/raw/") && r.path().endsWith("/vocab.txt"));
  }

  @Test
  void shardedWeightsAreFetchedAsTheirIndexNamesThem() throws IOException {
    Map<String, byte[]> sharded = new LinkedHashMap<>(files);
    sharded.remove("model.safetensors");
    sharded.put(
        "model.safetensors.index.json",
        bytes(
            "{\"metadata\": {\"total_size\": 300}, \"weight_map\": {\"a.weight\":"
                + " \"model-00001-of-00002.safetensors\", \"b.weight\":"
                + " \"model-00002-of-00002.safetensors\"}}"));
    sharded.put("model-00001-of-00002.safetensors", random(150, 11));
    sharded.put("model-00002-of-00002.safetensors", random(150, 12));
    sharded.put("model-00003-of-00003.safetensors", random(150, 13)); // not named by the index
    hub.add(new FakeHub.Repo("tiny-org/sharded", SHA, sharded, null));
    Path snapshot;
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      snapshot = resolver.resolve("tiny-org/sharded");
    }
    for (String name :
        List.of(
            "model.safetensors.index.json",
            "model-00001-of-00002.safetensors",
            "model-00002-of-00002.safetensors")) {
      assertThat(snapshot.resolve(name)).as(name).hasBinaryContent(sharded.get(name));
    }
    assertThat(snapshot.resolve("model-00003-of-00003.safetensors")).doesNotExist();
    assertThat(snapshot.resolve("model.safetensors")).doesNotExist();

    Map<String, byte[]> broken = new LinkedHashMap<>(sharded);
    broken.remove("model-00002-of-00002.safetensors");
    hub.add(new FakeHub.Repo("tiny-org/broken", SHA.replace('a', 'b'), broken, null));
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      assertThatThrownBy(() -> resolver.resolve("tiny-org/broken"))
          .hasMessageContaining(
              "model.safetensors.index.json names shard model-00002-of-00002.safetensors, which the"
                  + " repo does not have");
    }
  }

  @Test
  void sendsTheTokenToTheHubButNotToRedirectedStorage() throws IOException {
    hub.add(new FakeHub.Repo("tiny-org/private", SHA, files, "hf_secret"));
    try (HubModelResolver resolver = new HubModelResolver(config(false, "hf_secret"))) {
      Path snapshot = resolver.resolve("tiny-org/private");
      assertThat(snapshot.resolve("model.safetensors"))
          .hasBinaryContent(files.get("model.safetensors"));
    }

    assertThat(hub.requests())
        .filteredOn(r -> r.server().equals("hub"))
        .isNotEmpty()
        .allMatch(r -> "Bearer hf_secret".equals(r.authorization()));
    assertThat(hub.requests())
        .filteredOn(r -> r.server().equals("storage"))
        .isNotEmpty()
        .allMatch(r -> r.authorization() == null);
  }

  @Test
  void aSecondResolveReusesTheCacheWithoutFileRequests() throws IOException {
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      Path first = resolver.resolve(REPO);
      int fileRequests = hub.fileRequests().size();
      int requests = hub.requests().size();

      // a branch is looked up again (it may have moved), but no file is downloaded again
      assertThat(resolver.resolve(REPO)).isEqualTo(first);
      assertThat(hub.fileRequests()).hasSize(fileRequests);
      assertThat(hub.requests()).hasSize(requests + 1);

      // a commit hash can't move: no request at all
      assertThat(resolver.resolve(REPO + "@" + SHA)).isEqualTo(first);
      assertThat(hub.requests()).hasSize(requests + 1);
    }
  }

  @Test
  void offlineModeResolvesFromTheCacheWithoutTheNetwork() throws IOException {
    Path online;
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      online = resolver.resolve(REPO);
    }
    int requests = hub.requests().size();
    hub.close();

    try (HubModelResolver offline = new HubModelResolver(config(true, null))) {
      assertThat(offline.resolve(REPO)).isEqualTo(online);
      assertThat(offline.resolve(REPO + "@main")).isEqualTo(online);
      assertThat(offline.resolve(REPO + "@" + SHA)).isEqualTo(online);
    }
    assertThat(hub.requests()).hasSize(requests);
  }

  @Test
  void offlineModeFailsCleanlyWhenNotCached() {
    try (HubModelResolver offline = new HubModelResolver(config(true, null))) {
      assertThatThrownBy(() -> offline.resolve(REPO))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(REPO + "@main")
          .hasMessageContaining("HF_HUB_OFFLINE is set")
          .hasMessageNotContaining("\n");
    }
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void anUnknownRepoIsNamedInA404Error() {
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      assertThatThrownBy(() -> resolver.resolve("tiny-org/missing"))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "tiny-org/missing@main: repo tiny-org/missing not found at "
                  + hub.endpoint()
                  + " (HTTP 404)");
    }
  }

  @Test
  void anUnknownRevisionIsNamed() {
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      assertThatThrownBy(() -> resolver.resolve(REPO + "@v9"))
          .isInstanceOf(IOException.class)
          .hasMessage(REPO + "@v9: revision 'v9' not found in " + REPO + " (HTTP 404)");
    }
  }

  @Test
  void aPrivateRepoWithoutTokenSaysToSetHfToken() {
    hub.add(new FakeHub.Repo("tiny-org/private", SHA, files, "hf_secret"));
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      assertThatThrownBy(() -> resolver.resolve("tiny-org/private"))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("tiny-org/private@main: access refused (HTTP 401)")
          .hasMessageContaining("set HF_TOKEN");
    }
    try (HubModelResolver resolver = new HubModelResolver(config(false, "hf_wrong"))) {
      assertThatThrownBy(() -> resolver.resolve("tiny-org/private"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("with the token in HF_TOKEN")
          .hasMessageNotContaining("hf_wrong");
    }
  }

  @Test
  void aRepoWithoutSafetensorsIsRefusedBeforeAnyDownload() {
    Map<String, byte[]> old = new LinkedHashMap<>();
    old.put("config.json", bytes("{}"));
    old.put("pytorch_model.bin", random(64, 3));
    hub.add(new FakeHub.Repo("tiny-org/old", SHA, old, null));
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      assertThatThrownBy(() -> resolver.resolve("tiny-org/old"))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "tiny-org/old@main has no model.safetensors at its root (it has pytorch_model.bin);"
                  + " only safetensors weights are supported");
    }
    assertThat(hub.fileRequests()).isEmpty();
  }

  @Test
  void aModuleWithoutSafetensorsIsRefused() {
    Map<String, byte[]> mixed = new LinkedHashMap<>(files);
    mixed.remove("2_Dense/model.safetensors");
    hub.add(new FakeHub.Repo("tiny-org/mixed", SHA, mixed, null));
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      assertThatThrownBy(() -> resolver.resolve("tiny-org/mixed"))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "tiny-org/mixed@main has no model.safetensors in module folder 2_Dense (it has"
                  + " 2_Dense/pytorch_model.bin); only safetensors weights are supported");
    }
  }

  @Test
  void anInterruptedDownloadLeavesNoPartialFileAndARetrySucceeds() throws IOException {
    Path repoDir = cacheDir.resolve("models--tiny-org--tiny-model");
    Path snapshot = repoDir.resolve("snapshots/" + SHA);
    hub.breakOffOnce("model.safetensors");
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      assertThatThrownBy(() -> resolver.resolve(REPO))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("model.safetensors of " + REPO + "@main: download failed after")
          .hasMessageNotContaining("\n")
          .hasCauseInstanceOf(IOException.class);

      assertThat(snapshot.resolve("model.safetensors")).doesNotExist();
      assertThat(snapshot.resolve(HubCache.COMPLETE_MARKER)).doesNotExist();
      assertThat(repoDir.resolve("refs/main")).doesNotExist();
      assertThat(listFiles(repoDir.resolve(".incomplete"))).isEmpty();
      assertThat(snapshot.resolve("config.json")).hasBinaryContent(files.get("config.json"));

      List<FakeHub.Request> before = hub.fileRequests();
      Path retried = resolver.resolve(REPO);

      assertThat(retried).isEqualTo(snapshot);
      for (String name : WANTED) {
        assertThat(snapshot.resolve(name)).as(name).hasBinaryContent(files.get(name));
      }
      assertThat(repoDir.resolve("refs/main")).hasContent(SHA);
      // files finished before the break are kept, not fetched again
      List<FakeHub.Request> retry =
          hub.fileRequests().subList(before.size(), hub.fileRequests().size());
      assertThat(retry).noneMatch(r -> r.path().endsWith("/resolve/" + SHA + "/config.json"));
    }
  }

  @Test
  void anUnreachableHubFailsUnlessTheModelIsCached() throws IOException {
    URI endpoint = hub.endpoint();
    try (HubModelResolver resolver = new HubModelResolver(config(false, null))) {
      resolver.resolve(REPO);
    }
    hub.close();
    HubConfig down =
        new HubConfig(endpoint, cacheDir, false, Optional.empty(), Duration.ofSeconds(5));
    try (HubModelResolver resolver = new HubModelResolver(down)) {
      assertThat(resolver.resolve(REPO))
          .isEqualTo(cacheDir.resolve("models--tiny-org--tiny-model/snapshots/" + SHA));
      assertThatThrownBy(() -> resolver.resolve("tiny-org/other"))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("tiny-org/other@main: could not reach " + endpoint)
          .hasMessageNotContaining("\n")
          .hasCauseInstanceOf(IOException.class);
    }
  }

  @Test
  void looksLikeRepoIdIsAvailableOnTheResolver() {
    assertThat(HubModelResolver.looksLikeRepoId("sentence-transformers/all-MiniLM-L6-v2")).isTrue();
    assertThat(HubModelResolver.looksLikeRepoId(cacheDir.toString())).isFalse();
  }

  private HubConfig config(boolean offline, String token) {
    return new HubConfig(
        hub.endpoint(), cacheDir, offline, Optional.ofNullable(token), Duration.ofSeconds(5));
  }

  private static Map<String, byte[]> tinyModel() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(".gitattributes", bytes("*.safetensors filter=lfs diff=lfs merge=lfs -text\n"));
    files.put("README.md", bytes("# tiny model\n"));
    files.put(
        "1_Pooling/config.json",
        bytes("{\"word_embedding_dimension\": 4, \"pooling_mode_mean_tokens\": true}"));
    files.put(
        "2_Dense/config.json", bytes("{\"in_features\": 4, \"out_features\": 2, \"bias\": true}"));
    files.put("2_Dense/model.safetensors", random(96, 1));
    files.put("2_Dense/pytorch_model.bin", random(96, 2));
    files.put("3_Unused/config.json", bytes("{}"));
    files.put("config.json", bytes("{\"model_type\": \"bert\", \"hidden_size\": 4}"));
    files.put("config_sentence_transformers.json", bytes("{\"similarity_fn_name\": \"cosine\"}"));
    files.put("model.safetensors", random(200_000, 4));
    files.put(
        "modules.json",
        bytes(
            "[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\":"
                + " \"sentence_transformers.models.Transformer\"}, {\"idx\": 1, \"name\": \"1\","
                + " \"path\": \"1_Pooling\", \"type\": \"sentence_transformers.models.Pooling\"},"
                + " {\"idx\": 2, \"name\": \"2\", \"path\": \"2_Dense\", \"type\":"
                + " \"sentence_transformers.models.Dense\"}]"));
    files.put("onnx/model.onnx", random(128, 5));
    files.put("openvino/openvino_model.bin", random(128, 6));
    files.put("pytorch_model.bin", random(1024, 7));
    files.put(
        "sentence_bert_config.json", bytes("{\"max_seq_length\": 128, \"do_lower_case\": false}"));
    files.put("special_tokens_map.json", bytes("{\"cls_token\": \"[CLS]\"}"));
    files.put(
        "tokenizer.json", bytes("{\"version\": \"1.0\", \"model\": {\"type\": \"WordPiece\"}}"));
    files.put("tokenizer_config.json", bytes("{\"do_lower_case\": true}"));
    files.put("vocab.txt", bytes("[PAD]\n[UNK]\n[CLS]\n[SEP]\nhello\nwörld\n"));
    return files;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new Random(seed).nextBytes(data);
    return data;
  }

  private static List<Path> listFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }
}
