package io.semsearch.web.planted;

import ai.djl.Device;

/** A planted border violation: a web class that names an engine device. */
public final class PlantedDjlInWeb {
  Device device = Device.cpu();
}
