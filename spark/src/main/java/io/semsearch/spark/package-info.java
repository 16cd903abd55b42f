/**
 * Spark jobs for corpus-scale work, on Spark's Java API: {@link io.semsearch.spark.SparkEncodeJob}
 * splits and embeds a corpus into Parquet with one encoder per executor JVM, {@link
 * io.semsearch.spark.SparkMineJob} mines paraphrase pairs over those vectors with the exact miner's
 * semantics on blocks of the N x N product, and {@link io.semsearch.spark.SparkMain} runs either
 * from {@code spark-submit}. Spark stays in this module: no other module sees its classes.
 */
package io.semsearch.spark;
