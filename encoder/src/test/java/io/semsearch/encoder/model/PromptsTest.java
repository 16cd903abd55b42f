package io.semsearch.encoder.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading prompts and choosing one as sentence-transformers' encode, encode_query and
 * encode_document do.
 */
class PromptsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FILE = Path.of("m/config_sentence_transformers.json");

  private static Prompts parse(String json) throws Exception {
    return Prompts.fromJson(JSON.readTree(json), FILE);
  }

  @Test
  void readsPromptsInOrderAndTheDefault() throws Exception {
    Prompts prompts =
        parse(
            "{\"prompts\":{\"query\":\"query: \",\"passage\":\"passage:"
                + " \"},\"default_prompt_name\":\"passage\"}");
    assertThat(prompts.byName())
        .containsExactly(Map.entry("query", "query: "), Map.entry("passage", "passage: "));
    assertThat(prompts.defaultPrompt()).isEqualTo("passage: ");
    assertThat(prompts.forQueries()).isEqualTo("query: ");
    assertThat(prompts.forDocuments()).isEqualTo("passage: ");
    assertThat(prompts.isEmpty()).isFalse();
  }

  @Test
  void missingOrNullFieldsMeanNoPrompts() throws Exception {
    for (String json :
        new String[] {
          "{}", "{\"prompts\":null,\"default_prompt_name\":null}", "{\"prompts\":{}}"
        }) {
      Prompts prompts = parse(json);
      assertThat(prompts.isEmpty()).as(json).isTrue();
      assertThat(prompts.defaultPrompt()).as(json).isNull();
      assertThat(prompts.forQueries()).as(json).isNull();
      assertThat(prompts.forDocuments()).as(json).isNull();
    }
  }

  @Test
  void queriesAndDocumentsFallBackToTheDefaultAndDocumentsPreferDocumentThenPassageThenCorpus()
      throws Exception {
    Prompts onlyDefault =
        parse("{\"prompts\":{\"sts\":\"sts: \"},\"default_prompt_name\":\"sts\"}");
    assertThat(onlyDefault.forQueries()).isEqualTo("sts: ");
    assertThat(onlyDefault.forDocuments()).isEqualTo("sts: ");
    Prompts all = parse("{\"prompts\":{\"corpus\":\"c\",\"passage\":\"p\",\"document\":\"d\"}}");
    assertThat(all.forDocuments()).isEqualTo("d");
    assertThat(parse("{\"prompts\":{\"corpus\":\"c\",\"passage\":\"p\"}}").forDocuments())
        .isEqualTo("p");
    assertThat(parse("{\"prompts\":{\"corpus\":\"c\"}}").forDocuments()).isEqualTo("c");
    // an empty prompt is a prompt, not "none"
    assertThat(
            parse("{\"prompts\":{\"document\":\"\"},\"default_prompt_name\":null}").forDocuments())
        .isEmpty();
  }

  @Test
  void badFilesAreRefusedNamingTheFile() {
    assertThatThrownBy(
            () -> parse("{\"prompts\":{\"query\":\"q\"},\"default_prompt_name\":\"doc\"}"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(FILE + ": default prompt 'doc' is not one of the prompts [query]");
    assertThatThrownBy(() -> parse("{\"prompts\":[\"q\"]}"))
        .isInstanceOf(ModelFormatException.class)
        .hasMessage(FILE + ": prompts must be an object of prompt texts by name");
    assertThatThrownBy(() -> parse("{\"prompts\":{\"query\":3}}"))
        .hasMessage(FILE + ": prompt 'query' must be a string");
    assertThatThrownBy(() -> parse("{\"default_prompt_name\":1}"))
        .hasMessage(FILE + ": default_prompt_name must be a string or null");
  }

  @Test
  void askingForAMissingPromptListsThoseThereAre() throws Exception {
    assertThatThrownBy(() -> parse("{\"prompts\":{\"query\":\"q\"}}").get("document"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the model has no prompt named 'document'; its prompts are [query]");
    assertThatThrownBy(() -> Prompts.NONE.get("query"))
        .hasMessage("the model has no prompt named 'query' (it has no prompts)");
  }
}
