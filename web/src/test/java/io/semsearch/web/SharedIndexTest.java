package io.semsearch.web;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Test classes that read one index of {@link WebFixtures#documents()}, built once per class. */
abstract class SharedIndexTest {

  @TempDir static Path dir;
  static WebFixtures.TestIndex index;

  @BeforeAll
  static void buildIndex() {
    index = new WebFixtures.TestIndex(dir.resolve("index"));
  }

  @AfterAll
  static void closeIndex() throws IOException {
    index.close();
  }
}
