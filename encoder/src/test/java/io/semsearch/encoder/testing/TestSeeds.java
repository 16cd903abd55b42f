package io.semsearch.encoder.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The seed of a randomized test class: {@code -Dtests.seed=N} when given, else the class's fixed
 * default, so that a plain build is repeatable and any other seed can be tried (and replayed) from
 * the command line. A test derives each of its random sources from the seed (seed, seed + 1, ...).
 *
 * <p>Registered on a class with {@code @ExtendWith(TestSeeds.class)}, it prints the seed of a
 * failing test to standard error with the property that replays it.
 */
public final class TestSeeds implements TestWatcher {

  /** The system property holding the seed. */
  public static final String PROPERTY = "tests.seed";

  private static final Map<String, Long> SEEDS = new ConcurrentHashMap<>();

  /**
   * The seed of {@code testClass}: {@value #PROPERTY} if set, else {@code fixedDefault}.
   *
   * @throws IllegalArgumentException if the property is set but not a number, naming it
   */
  public static long seed(Class<?> testClass, long fixedDefault) {
    String value = System.getProperty(PROPERTY);
    long seed;
    if (value == null || value.isBlank()) {
      seed = fixedDefault;
    } else {
      try {
        seed = Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(PROPERTY + " must be a number, got: " + value, e);
      }
    }
    SEEDS.put(testClass.getName(), seed);
    return seed;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    String name = context.getRequiredTestClass().getName();
    Long seed = SEEDS.get(name);
    System.err.println(
        seed == null
            ? name + "." + context.getDisplayName() + " failed before asking for its seed"
            : name
                + "."
                + context.getDisplayName()
                + " failed with seed "
                + seed
                + "; replay with -D"
                + PROPERTY
                + "="
                + seed);
  }
}
