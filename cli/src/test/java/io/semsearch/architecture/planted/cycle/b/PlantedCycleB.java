package io.semsearch.architecture.planted.cycle.b;

import io.semsearch.architecture.planted.cycle.a.PlantedCycleA;

/** The other half of a planted package cycle. */
public final class PlantedCycleB {
  PlantedCycleA other;
}
