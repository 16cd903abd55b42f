package io.semsearch.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.semsearch.architecture.planted.cycle.a.PlantedCycleA;
import io.semsearch.architecture.planted.cycle.b.PlantedCycleB;
import io.semsearch.mining.planted.PlantedSparkInMining;
import io.semsearch.searcher.planted.PlantedSolrInSearcher;
import io.semsearch.solr.planted.PlantedSolrServerInSolr;
import io.semsearch.web.planted.PlantedDjlInWeb;
import io.semsearch.web.planted.PlantedLuceneInWeb;
import io.semsearch.web.planted.PlantedSolrjInWeb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ModuleBordersTest {

  private static final JavaClasses APPLICATION = ModuleBorders.application();

  @ParameterizedTest
  @FieldSource("io.semsearch.architecture.ModuleBorders#ALL")
  void theApplicationKeepsEveryBorder(ArchRule rule) {
    rule.check(APPLICATION);
  }

  @Test
  void theApplicationClassesAreAllThere() {
    // a rule over an empty import passes whatever the code does: make sure every module was seen
    for (String module :
        new String[] {
          "encoder", "index", "indexer", "searcher", "mining", "web", "solr", "cli", "spark"
        }) {
      assertThat(APPLICATION.containPackage("io.semsearch." + module)).as(module).isTrue();
    }
  }

  @Test
  void aLuceneImportInTheWebBreaksTheBackendBorder() {
    assertViolated(ModuleBorders.NO_LUCENE_IN_WEB_OR_CLI, PlantedLuceneInWeb.class);
  }

  @Test
  void aDjlImportOutsideTheEncoderBreaksTheEngineBorder() {
    assertViolated(ModuleBorders.DJL_STAYS_IN_THE_ENCODER, PlantedDjlInWeb.class);
  }

  @Test
  void aSparkTypeInTheMinerBreaksTheSparkBorder() {
    assertViolated(ModuleBorders.SPARK_STAYS_IN_THE_SPARK_MODULE, PlantedSparkInMining.class);
  }

  @Test
  void aSolrjImportInTheWebBreaksTheBackendBorder() {
    assertViolated(ModuleBorders.SOLRJ_STAYS_IN_THE_SOLR_MODULE, PlantedSolrjInWeb.class);
  }

  @Test
  void aSolrServerClassInTheApplicationBreaksTheLuceneBorder() {
    assertViolated(ModuleBorders.ONLY_SOLRJ_IN_THE_APPLICATION, PlantedSolrServerInSolr.class);
  }

  @Test
  void theSearcherUsingTheSolrBackendBreaksTheCoreBorder() {
    assertViolated(ModuleBorders.THE_CORE_KNOWS_NO_CLUSTER_BACKEND, PlantedSolrInSearcher.class);
  }

  @Test
  void twoPackagesUsingEachOtherAreACycle() {
    assertViolated(ModuleBorders.NO_PACKAGE_CYCLES, PlantedCycleA.class, PlantedCycleB.class);
  }

  private static void assertViolated(ArchRule rule, Class<?>... planted) {
    EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(planted));
    assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
  }
}
