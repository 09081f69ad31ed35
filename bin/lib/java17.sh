# Sourced by the scripts in bin/: finds a Java 17 JDK (Spark 4 fails on Java 25) and exports JAVA_HOME.

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

find_java17() {
  local candidate
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/java-17-* /usr/lib/jvm/*17*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(java_major "$candidate/bin/java")" = "17" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

JAVA_HOME="$(find_java17)" || { echo "$(basename "$0"): no Java 17 found; install OpenJDK 17 or set JAVA_HOME to one" >&2; exit 1; }
export JAVA_HOME
