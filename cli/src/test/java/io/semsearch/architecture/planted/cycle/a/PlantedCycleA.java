package io.semsearch.architecture.planted.cycle.a;

import io.semsearch.architecture.planted.cycle.b.PlantedCycleB;

/** Half of a planted package cycle: uses package b, which uses this one. */
public final class PlantedCycleA {
  PlantedCycleB other;
}
