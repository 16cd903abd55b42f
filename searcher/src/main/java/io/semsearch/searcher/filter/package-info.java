/** Metadata filters: the types, the query-string syntax and the JSON form. */
package io.semsearch.searcher.filter;
