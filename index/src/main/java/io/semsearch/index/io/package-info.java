/** Strict text input shared by the corpus readers and the evaluation files. */
package io.semsearch.index.io;
