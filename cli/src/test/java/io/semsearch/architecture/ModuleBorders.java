package io.semsearch.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The borders between semsearch's modules, as ArchUnit rules over compiled main code. Each rule is
 * named for the reason it exists; {@link ModuleBordersTest} checks them against the application and
 * against planted violations, so a rule that could never fail is noticed.
 */
final class ModuleBorders {

  /**
   * The inference engine is a detail of the encoder's torch package: other modules, and the rest of
   * the encoder, use SentenceEncoder and SimilarityKernel, so a second engine plugs in beside it.
   */
  static final ArchRule DJL_STAYS_IN_THE_ENCODER =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.semsearch.encoder.torch..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("ai.djl..")
          .as("no ai.djl outside the encoder's torch package (so none outside the encoder module)");

  /**
   * The web and the CLI talk to a search backend, so that a cluster backend can replace the
   * embedded Lucene index without touching them.
   */
  static final ArchRule NO_LUCENE_IN_WEB_OR_CLI =
      noClasses()
          .that()
          .resideInAnyPackage("io.semsearch.web..", "io.semsearch.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.lucene..")
          .as("no org.apache.lucene in web or cli: they depend on the search backend interface");

  /** A search-only deployment ships neither the corpus readers nor the passage splitter. */
  static final ArchRule SEARCHER_DOES_NOT_NEED_THE_INDEXER =
      noClasses()
          .that()
          .resideInAnyPackage("io.semsearch.searcher..", "io.semsearch.mining..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.semsearch.indexer..")
          .as("searcher and mining read the index format (index module), never the indexer");

  /**
   * Spark, Hadoop and Scala stay in the spark module: the other modules run in one JVM without
   * them, and the spark module's jar carries the project to a cluster, not the other way round.
   */
  static final ArchRule SPARK_STAYS_IN_THE_SPARK_MODULE =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.semsearch.spark..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.spark..", "org.apache.hadoop..", "scala..")
          .as("no org.apache.spark, org.apache.hadoop or scala outside the spark module");

  /**
   * SolrCloud is one backend among others: only the solr module talks to it (through SolrJ), so the
   * web and the CLI work the same over any backend.
   */
  static final ArchRule SOLRJ_STAYS_IN_THE_SOLR_MODULE =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.semsearch.solr..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.solr..")
          .as(
              "no org.apache.solr outside the solr module: others use the search backend"
                  + " interface");

  /**
   * The application runs on Lucene 10; Solr's server classes bring Lucene 9 and run in a JVM of
   * their own (the solr-server module). The solr module uses SolrJ's client and common classes
   * only.
   */
  static final ArchRule ONLY_SOLRJ_IN_THE_APPLICATION =
      noClasses()
          .that()
          .resideInAPackage("io.semsearch..")
          .should()
          .dependOnClassesThat(
              DescribedPredicate.describe(
                  "Solr server classes (outside SolrJ's client and common packages)",
                  c ->
                      c.getPackageName().startsWith("org.apache.solr.")
                          && !c.getPackageName().startsWith("org.apache.solr.client.solrj")
                          && !c.getPackageName().startsWith("org.apache.solr.common")))
          .as("only SolrJ (client and common) from Solr: the server runs in its own JVM");

  /** The search and index core knows no backend of its own: a backend depends on it, not back. */
  static final ArchRule THE_CORE_KNOWS_NO_CLUSTER_BACKEND =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.semsearch.index..",
              "io.semsearch.indexer..",
              "io.semsearch.searcher..",
              "io.semsearch.mining..",
              "io.semsearch.web..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.semsearch.solr..")
          .as("index, indexer, searcher, mining and web never depend on the solr module");

  /** Packages that depend on each other in a circle can only be understood and changed together. */
  static final ArchRule NO_PACKAGE_CYCLES =
      slices()
          .matching("io.semsearch.(**)")
          .should()
          .beFreeOfCycles()
          .as("no cycles between semsearch packages");

  static final List<ArchRule> ALL =
      List.of(
          DJL_STAYS_IN_THE_ENCODER,
          NO_LUCENE_IN_WEB_OR_CLI,
          SEARCHER_DOES_NOT_NEED_THE_INDEXER,
          SPARK_STAYS_IN_THE_SPARK_MODULE,
          SOLRJ_STAYS_IN_THE_SOLR_MODULE,
          ONLY_SOLRJ_IN_THE_APPLICATION,
          THE_CORE_KNOWS_NO_CLUSTER_BACKEND,
          NO_PACKAGE_CYCLES);

  private ModuleBorders() {}

  /** The main classes of every semsearch module on the test class path: no tests, no test jars. */
  static JavaClasses application() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .withImportOption(location -> !location.contains("/test-classes/"))
        .importPackages("io.semsearch");
  }
}
