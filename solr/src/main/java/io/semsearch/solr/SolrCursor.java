package io.semsearch.solr;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CursorMarkParams;

/**
 * Reads every match of a query from a collection, page after page with Solr's cursor ({@code
 * cursorMark}, sorted by the unique key), each page retried on transient failures: a full scan
 * whose memory is one page, unaffected by documents added meanwhile.
 */
final class SolrCursor {

  private static final int PAGE = 500;

  private SolrCursor() {}

  /**
   * Hands every document matching {@code query} (its fields and filters; rows, sort and cursor are
   * set here) to {@code each}, in key order.
   *
   * @param what the scan in words, for error messages
   */
  static void forEach(
      SolrCollection collection, SolrQuery query, String what, Consumer<SolrDocument> each)
      throws IOException {
    String cursor = CursorMarkParams.CURSOR_MARK_START;
    while (true) {
      SolrQuery page = query.getCopy();
      page.setRows(PAGE);
      page.setSort(SolrFields.KEY, SolrQuery.ORDER.asc);
      page.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
      QueryResponse r =
          collection
              .retrying()
              .run(
                  what + " of " + collection.location(),
                  () ->
                      collection.client().query(collection.name(), page, SolrRequest.METHOD.POST));
      r.getResults().forEach(each);
      String next = r.getNextCursorMark();
      if (next == null || next.equals(cursor)) {
        return;
      }
      cursor = next;
    }
  }
}
