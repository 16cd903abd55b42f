package org.apache.spark.planted;

/**
 * A stand-in for a Spark class, in Spark's package space, so that the border test can plant a
 * violation without putting Spark on this module's class path.
 */
public final class StandInSparkType {}
