package io.semsearch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bad --solr/--collection input fails with one line naming it, before any model is loaded. */
class SolrOptionsTest {

  private static void assertOneLineError(CliRun run, String... parts) {
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().strip()).doesNotContain("\n");
    for (String part : parts) {
      assertThat(run.err()).contains(part);
    }
  }

  @Test
  void anIndexNeedsAFolderOrACollection() {
    assertOneLineError(
        CliRun.of("search", "-q", "x"), "give --index DIR, or --solr URL with --collection NAME");
    assertOneLineError(
        CliRun.of("search", "-q", "x", "--solr", "http://localhost:8983/solr"),
        "--solr and --collection go together");
    assertOneLineError(
        CliRun.of(
            "index",
            "--index",
            "i",
            "--solr",
            "http://h:1/solr",
            "--collection",
            "c",
            "--input",
            "x"),
        "either --index DIR or --solr URL --collection NAME");
  }

  @Test
  void aMalformedUrlOrCollectionIsNamed() {
    assertOneLineError(
        CliRun.of("search", "-q", "x", "--solr", "localhost:8983", "--collection", "c"),
        "not a Solr URL: 'localhost:8983'");
    assertOneLineError(
        CliRun.of("search", "-q", "x", "--solr", "http://h:1/solr", "--collection", "a b"),
        "collection name",
        "'a b'");
  }

  @Test
  void anUnreachableClusterIsNamed() {
    // port 9 (discard) on this machine: nothing listens, the connection is refused
    assertOneLineError(
        CliRun.of("search", "-q", "x", "--solr", "http://127.0.0.1:9/solr", "--collection", "c"),
        "http://127.0.0.1:9/solr");
  }

  @Test
  void solrLocalChecksItsOptions() {
    assertOneLineError(CliRun.of("solr", "local", "--nodes", "0"), "--nodes must be in 1..16");
  }
}
