package io.semsearch.spark;

import java.io.Serializable;

/**
 * A directed match of a mining run: vector {@code row}'s match with vector {@code column}.
 *
 * @param row the vector's index in the run
 * @param column the matched vector's index
 * @param score their cosine similarity
 */
record Match(int row, int column, float score) implements Serializable {}
