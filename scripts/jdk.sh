# Sourced by ./semsearch and ./run-tests: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm, then `java` on PATH.

jdk_major() {
  # Prints the major version of the JDK at $1 (0 when it is not a JDK).
  local release="$1/release"
  [ -x "$1/bin/javac" ] || { echo 0; return; }
  if [ -f "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

find_jdk() {
  local best="" best_major=0 candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ "$(jdk_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    quiet_maven_on_new_jdks
    return 0
  fi
  for candidate in /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")"; do
    [ -d "$candidate" ] || continue
    major=$(jdk_major "$candidate")
    if [ "${major:-0}" -gt "$best_major" ] 2>/dev/null; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "semsearch: needs a JDK 21 or newer; none found in JAVA_HOME or /usr/lib/jvm (install one, e.g. apt-get install openjdk-21-jdk-headless)" >&2
    return 1
  fi
  export JAVA_HOME="$best"
  quiet_maven_on_new_jdks
}

# Maven 3.8's bundled Guava warns about sun.misc.Unsafe on JDK 24+; allow it quietly.
quiet_maven_on_new_jdks() {
  if [ "$(jdk_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
    case "${MAVEN_OPTS:-}" in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
}
