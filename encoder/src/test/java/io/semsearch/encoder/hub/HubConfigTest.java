package io.semsearch.encoder.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HubConfigTest {

  private static final Path USER_HOME = Path.of(System.getProperty("user.home"));

  @Test
  void defaultsMatchHuggingFaceHub() {
    HubConfig config = HubConfig.fromEnvironment(Map.of());
    assertThat(config.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
    assertThat(config.hubCache()).isEqualTo(USER_HOME.resolve(".cache/huggingface/hub"));
    assertThat(config.offline()).isFalse();
    assertThat(config.token()).isEmpty();
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void hfHomeAndHubCacheSetTheCacheFolder() {
    assertThat(HubConfig.fromEnvironment(Map.of("HF_HOME", "/data/hf")).hubCache())
        .isEqualTo(Path.of("/data/hf/hub"));
    assertThat(HubConfig.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg")).hubCache())
        .isEqualTo(Path.of("/xdg/huggingface/hub"));
    assertThat(HubConfig.fromEnvironment(Map.of("HF_HOME", "~/hf")).hubCache())
        .isEqualTo(USER_HOME.resolve("hf/hub"));
    assertThat(
            HubConfig.fromEnvironment(Map.of("HF_HOME", "/data/hf", "HF_HUB_CACHE", "/fast/hub"))
                .hubCache())
        .isEqualTo(Path.of("/fast/hub"));
  }

  @Test
  void endpointTokenAndTimeoutComeFromTheEnvironment() {
    HubConfig config =
        HubConfig.fromEnvironment(
            Map.of(
                "HF_ENDPOINT",
                "http://127.0.0.1:8080/mirror/",
                "HF_TOKEN",
                " hf_abc \n",
                "HF_HUB_DOWNLOAD_TIMEOUT",
                "2.5"));
    assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8080/mirror"));
    assertThat(config.token()).contains("hf_abc");
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(HubConfig.fromEnvironment(Map.of("HF_TOKEN", "  ")).token()).isEmpty();
  }

  @Test
  void tokenFallsBackToTheFileHuggingfaceCliLoginSaves(@org.junit.jupiter.api.io.TempDir Path home)
      throws Exception {
    Files.writeString(home.resolve("token"), "hf_saved\n");
    assertThat(HubConfig.fromEnvironment(Map.of("HF_HOME", home.toString())).token())
        .contains("hf_saved");
    assertThat(
            HubConfig.fromEnvironment(Map.of("HF_HOME", home.toString(), "HF_TOKEN", "hf_env"))
                .token())
        .contains("hf_env");
    Path other = home.resolve("other-token");
    Files.writeString(other, "hf_other");
    assertThat(
            HubConfig.fromEnvironment(
                    Map.of("HF_HOME", home.toString(), "HF_TOKEN_PATH", other.toString()))
                .token())
        .contains("hf_other");
    assertThat(
            HubConfig.fromEnvironment(Map.of("HF_HOME", home.resolve("empty").toString())).token())
        .isEmpty();
  }

  @Test
  void offlineAcceptsTheUsualSpellings() {
    for (String on : new String[] {"1", "true", "TRUE", "yes", "On"}) {
      assertThat(HubConfig.fromEnvironment(Map.of("HF_HUB_OFFLINE", on)).offline()).as(on).isTrue();
    }
    for (String off : new String[] {"", "0", "false", "No", "off"}) {
      assertThat(HubConfig.fromEnvironment(Map.of("HF_HUB_OFFLINE", off)).offline())
          .as(off)
          .isFalse();
    }
    assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HF_HUB_OFFLINE", "maybe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "HF_HUB_OFFLINE must be one of 1, true, yes, on, 0, false, no, off, got: 'maybe'");
  }

  @Test
  void badValuesAreNamedInTheMessage() {
    assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HF_ENDPOINT", "ftp://example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got: ftp://example.com");
    assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HF_ENDPOINT", "http://bad host")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HF_ENDPOINT")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HubConfig.fromEnvironment(Map.of("HF_HUB_DOWNLOAD_TIMEOUT", "-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HF_HUB_DOWNLOAD_TIMEOUT must be a positive number of seconds, got: '-1'");
  }

  @Test
  void toStringNeverShowsTheToken() {
    HubConfig config =
        new HubConfig(
            URI.create("https://huggingface.co"),
            Path.of("/c"),
            false,
            Optional.of("hf_secret"),
            Duration.ofSeconds(1));
    assertThat(config.toString()).doesNotContain("hf_secret").contains("token=***");
    assertThat(config.withOffline(true).offline()).isTrue();
    assertThat(config.withOffline(true).token()).contains("hf_secret");
  }
}
