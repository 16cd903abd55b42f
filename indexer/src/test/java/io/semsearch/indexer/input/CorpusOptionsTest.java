package io.semsearch.indexer.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CorpusOptionsTest {

  @Test
  void defaultsDetectTheFormatAndReadIdTextAndTitle() {
    assertThat(CorpusOptions.defaults())
        .isEqualTo(new CorpusOptions(null, "id", "text", "title", false));
  }

  @Test
  void withersChangeOneSetting() {
    CorpusOptions options =
        CorpusOptions.defaults()
            .withFormat(CorpusFormat.CSV)
            .withIdField("key")
            .withTextField("body")
            .withTitleField(null)
            .withStrict(true);

    assertThat(options).isEqualTo(new CorpusOptions(CorpusFormat.CSV, "key", "body", null, true));
  }

  @Test
  void rejectsBlankOrCollidingFieldNames() {
    assertThatThrownBy(() -> CorpusOptions.defaults().withTextField(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("textField must not be blank, got: ' '");
    assertThatThrownBy(() -> CorpusOptions.defaults().withTextField("id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "id, text and title fields must differ, got: id='id', text='id', title='title'");
    assertThatThrownBy(() -> CorpusOptions.defaults().withIdField(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("idField");
  }
}
