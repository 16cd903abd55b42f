package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The tests' JVM got the flags of jvm.flags, the java argument file at the repository root that
 * surefire's argLine (pom.xml), ./semsearch and scripts/bench-*.sh all pass: a wrong path there
 * fails every test's JVM at start, and a file that lost a flag fails here.
 */
class JvmFlagsTest {

  @Test
  void theIncubatingVectorModuleIsAdded() {
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
  }

  @Test
  void nativeAccessIsEnabledForTheClassPath() throws Exception {
    Method enabled;
    try {
      enabled = Module.class.getMethod("isNativeAccessEnabled");
    } catch (NoSuchMethodException e) {
      enabled = null;
    }
    assumeTrue(enabled != null, "Module.isNativeAccessEnabled needs JDK 22 or newer");
    assertThat((Boolean) enabled.invoke(JvmFlagsTest.class.getModule())).isTrue();
  }
}
