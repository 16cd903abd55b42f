package io.semsearch.searcher.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {

  @Test
  void parsesTermsListsRangesAndComparisons() {
    assertThat(FilterParser.parse("section:science"))
        .isEqualTo(new Filter.Term("section", "science"));
    assertThat(FilterParser.parse("author:\"Ada \\\"A\\\" Lovelace\""))
        .isEqualTo(new Filter.Term("author", "Ada \"A\" Lovelace"));
    assertThat(FilterParser.parse("section:(science OR \"art history\")"))
        .isEqualTo(new Filter.AnyOf("section", List.of("science", "art history")));
    assertThat(FilterParser.parse("year:[2000 TO 2010}"))
        .isEqualTo(new Filter.Range("year", 2000.0, true, 2010.0, false));
    assertThat(FilterParser.parse("year:{* TO 2.5]"))
        .isEqualTo(new Filter.Range("year", null, false, 2.5, true));
    assertThat(FilterParser.parse("year:>=2000"))
        .isEqualTo(new Filter.Range("year", 2000.0, true, null, false));
    assertThat(FilterParser.parse("year:<2000"))
        .isEqualTo(new Filter.Range("year", null, false, 2000.0, false));
    assertThat(FilterParser.parse("a:1 AND b:2  c:3"))
        .isEqualTo(
            new Filter.All(
                List.of(
                    new Filter.Term("a", "1"),
                    new Filter.Term("b", "2"),
                    new Filter.Term("c", "3"))));
    assertThat(FilterParser.parse("  ")).isNull();
  }

  @Test
  void badSyntaxIsReportedWithThePosition() {
    assertThatThrownBy(() -> FilterParser.parse("science"))
        .hasMessage("bad filter 'science': expected field:value at position 1");
    assertThatThrownBy(() -> FilterParser.parse("year:[2000 TO"))
        .hasMessageContaining("expected a value");
    assertThatThrownBy(() -> FilterParser.parse("year:[x TO 3]"))
        .hasMessageContaining("a number or * in the range of year, got 'x'");
    assertThatThrownBy(() -> FilterParser.parse("a:(b c)")).hasMessageContaining("OR or ')'");
    assertThatThrownBy(() -> FilterParser.parse("a:\"open")).hasMessageContaining("closing quote");
    assertThatThrownBy(() -> FilterParser.parse("a:1 AND"))
        .hasMessageContaining("a clause after AND");
    assertThatThrownBy(() -> FilterParser.parse("year:>="))
        .hasMessageContaining("expected a value");
    assertThatThrownBy(() -> FilterParser.parse("year:[* TO *]"))
        .hasMessageContaining("at least one bound");
  }

  @Test
  void jsonFormMatchesTheStringForm() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Filter parsed =
        JsonFilters.parse(
            json.readTree(
                "{\"section\":\"science\",\"tag\":[\"a\",2],\"year\":{\"gte\":2000,\"lt\":2010},\"n\":7}"));
    assertThat(parsed)
        .isEqualTo(
            new Filter.All(
                List.of(
                    new Filter.Term("section", "science"),
                    new Filter.AnyOf("tag", List.of("a", "2")),
                    new Filter.Range("year", 2000.0, true, 2010.0, false),
                    new Filter.Term("n", "7"))));
    assertThat(JsonFilters.parse(json.readTree("\"section:science\"")))
        .isEqualTo(new Filter.Term("section", "science"));
    assertThat(JsonFilters.parse(json.readTree("{}"))).isNull();
    assertThatThrownBy(() -> JsonFilters.parse(json.readTree("[1]")))
        .hasMessageContaining("must be a JSON object");
    assertThatThrownBy(() -> JsonFilters.parse(json.readTree("{\"y\":{\"near\":3}}")))
        .hasMessageContaining("unknown range operator 'near'");
    assertThatThrownBy(() -> JsonFilters.parse(json.readTree("{\"y\":{\"gt\":\"x\"}}")))
        .hasMessageContaining("gt must be a number");
    assertThatThrownBy(() -> JsonFilters.parse(json.readTree("{\"y\":[]}")))
        .hasMessageContaining("empty");
  }
}
