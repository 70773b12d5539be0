#!/usr/bin/env bash
# JMH microbenchmarks of the hot paths: planning a 200-line pipeline, generated projection code,
# the tumbling-window aggregate. Extra arguments go to JMH (e.g. a benchmark name, -wi 1 -i 2).
set -euo pipefail
cd "$(dirname "$0")/.."
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -B -q -f bench/pom.xml package
flags="--add-opens=java.base/java.nio=ALL-UNNAMED"
if [ "$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')" -ge 24 ]; then
  unsafe="--sun-misc-unsafe-memory-access=allow"
else
  unsafe=""
fi
exec "$java_bin" $flags -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main \
  ${unsafe:+-jvmArgsAppend "$unsafe"} "$@"
