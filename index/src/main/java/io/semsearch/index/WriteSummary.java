package io.semsearch.index;

/**
 * What one write to an index did.
 *
 * @param indexed new or changed documents embedded and written
 * @param unchanged documents whose content matched the index (not embedded again)
 * @param passages passages (vectors) written
 * @param seconds wall time of the write, commit included
 */
public record WriteSummary(long indexed, long unchanged, long passages, double seconds) {}
