package io.semsearch.mining.planted;

import org.apache.spark.planted.StandInSparkType;

/** A planted border violation: a mining class that uses a type of Spark's packages. */
public final class PlantedSparkInMining {
  StandInSparkType session;
}
