package io.semsearch.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A server that can't listen says whether the host or the port is at fault, not always "port". */
class StartFailureTest extends SharedIndexTest {

  private static void start(ServerConfig config) throws IOException {
    SearchServer.start(config, index.backend, WebFixtures.encoder(), WebFixtures.kernel()).close();
  }

  @Test
  void aHostThatIsNoAddressIsNamed() {
    assertThatThrownBy(() -> start(ServerConfig.defaults().withHost("999.1.1.1").withPort(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "can't start the server on 999.1.1.1:0: host '999.1.1.1' is neither an IP address nor"
                + " a name that resolves")
        .hasMessageNotContaining("Port already in use")
        .hasRootCauseInstanceOf(java.nio.channels.UnresolvedAddressException.class);
  }

  @Test
  void anAddressOfAnotherMachineIsNamed() {
    // 192.0.2.1 is TEST-NET-1, documentation only: no interface here has it, and binding sends
    // nothing on the network
    assertThatThrownBy(() -> start(ServerConfig.defaults().withHost("192.0.2.1").withPort(0)))
        .hasMessageContaining("host '192.0.2.1' is not an address of this machine")
        .hasMessageNotContaining("Port already in use");
  }

  @Test
  void aPortInUseIsNamed() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> start(ServerConfig.defaults().withPort(port)))
          .hasMessageContaining("port " + port + " is already in use on 127.0.0.1");
    }
  }
}
