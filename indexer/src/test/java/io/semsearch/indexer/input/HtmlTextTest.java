package io.semsearch.indexer.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

  @Test
  void dropsScriptStyleAndCommentsWhateverTheirCase() {
    HtmlText.Extracted out =
        HtmlText.extract(
            "<P>a</P><SCRIPT>var s = '</p>';</SCRIPT><Style>p{}</STYLE><!-- <b>c</b> -->b");

    assertThat(out.title()).isNull();
    assertThat(out.text()).isEqualTo("a\n\nb");
  }

  @Test
  void keepsQuotedGreaterThanInsideAttributesAndLiteralLessThanInText() {
    HtmlText.Extracted out =
        HtmlText.extract("<a title=\"x > y\" href='q'>link</a> 1 < 2 and 3 <= 4 <");

    assertThat(out.text()).isEqualTo("link 1 < 2 and 3 <= 4 <");
  }

  @Test
  void titleFallsBackToTheFirstH1() {
    HtmlText.Extracted out =
        HtmlText.extract(
            "<h1>Big <em>news</em>\n today</h1><h1>Other</h1><ul><li>one</li>\n<li>two</li></ul>");

    assertThat(out.title()).isEqualTo("Big news today");
    assertThat(out.text()).isEqualTo("Big news today\n\nOther\n\none\ntwo");
  }

  @Test
  void decodesNamedAndNumericEntitiesAndLeavesUnknownOnes() {
    assertThat(
            HtmlText.decodeEntities(
                "&amp;&lt;&gt;&quot;&apos;&#39;&#65;&#x42;&nbsp;&bogus; & x &#xD800; &#0;"))
        .isEqualTo("&<>\"''AB &bogus; & x &#xD800; &#0;");
  }

  @Test
  void tableCellsAreSeparatedAndRowsAreLines() {
    assertThat(
            HtmlText.extract(
                    "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>")
                .text())
        .isEqualTo("a b\nc d");
  }
}
