#!/usr/bin/env bash
# Proves the plugin story from the outside: install the reactor, build this example against the BOM,
# drop its jar (plus a broken jar and a duplicate) into a plugins directory, then list and train with
# the packaged runner. Run from anywhere; CI runs it after the main test command.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== installing the hyla4j reactor into the local Maven repository"
mvn -B -q -f "$root/pom.xml" install -DskipTests
echo "== building the example plugin against the BOM (with its contract test)"
mvn -B -q -f "$here/pom.xml" verify
runner=$(ls "$root"/runner/target/hyla4j-runner-*-all.jar | head -n 1)
plugin=$(ls "$here"/target/hyla4j-attention-example-*.jar | grep -v -- -tests | head -n 1)

mkdir -p "$work/plugins"
cp "$plugin" "$work/plugins/"
cp "$plugin" "$work/plugins/zz-duplicate.jar"                 # same id twice: an error naming both jars
printf 'not a jar' > "$work/plugins/broken.jar"               # not a zip at all
mkdir -p "$work/missing/META-INF/services"                    # names a class that does not exist
echo org.example.Missing > "$work/missing/META-INF/services/org.hyla4j.api.attention.AttentionLayer"
(cd "$work/missing" && jar cf "$work/plugins/missing-class.jar" META-INF)

echo "== hyla4j list with the plugins directory"
java -jar "$runner" --plugins "$work/plugins" list > "$work/list.out" 2> "$work/list.err"
cat "$work/list.out" "$work/list.err"
grep -q "ext_hyla_gelu" "$work/list.out"
grep -q "$(basename "$plugin")" "$work/list.out"
grep -q "linear_hypatt" "$work/list.out"                       # built-ins still work
grep "broken.jar" "$work/list.err" | grep -q "not a readable jar"
grep -q "missing-class.jar" "$work/list.err"
grep "zz-duplicate.jar" "$work/list.err" | grep "^error:" | grep -q "$(basename "$plugin")"
[ "$(grep -c 'broken.jar' "$work/list.err")" -eq 1 ]

echo "== a short training run with the plugin's variant (plugins from \$HYLA4J_PLUGINS)"
HYLA4J_PLUGINS="$work/plugins" java -jar "$runner" train --task fuzzylogic --attention ext_hyla_gelu --steps 20 --batch 8 \
  --eval-every 20 --eval-examples 64 --out "$work/run" 2> "$work/train.err"
test -f "$work/run/result.json"
grep -q '"ext_hyla_gelu"' "$work/run/provenance.json"
echo "plugin integration: OK"

# the library story from the outside (issue 49): an application that depends on a variant alone gets no engine,
# and a DJL program written from the README trains, saves and reloads every shipped variant with DJL's defaults
echo "== an application depending only on hyla4j-attention-hyla: no engine, no natives in its dependency tree"
mkdir -p "$work/only-hyla"
cat > "$work/only-hyla/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>org.hyla4j.examples</groupId><artifactId>only-hyla</artifactId><version>1</version>
  <dependencyManagement><dependencies><dependency><groupId>org.hyla4j</groupId><artifactId>hyla4j-bom</artifactId>
    <version>$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/bom/pom.xml")</version><type>pom</type><scope>import</scope></dependency></dependencies></dependencyManagement>
  <dependencies><dependency><groupId>org.hyla4j</groupId><artifactId>hyla4j-attention-hyla</artifactId></dependency></dependencies>
</project>
POM
mvn -B -q -f "$work/only-hyla/pom.xml" dependency:tree -DoutputFile="$work/only-hyla/tree.txt"
cat "$work/only-hyla/tree.txt"
grep -q "hyla4j-api" "$work/only-hyla/tree.txt"
if grep -q "ai.djl.pytorch" "$work/only-hyla/tree.txt"; then echo "error: hyla4j-attention-hyla brings a PyTorch engine" >&2; exit 1; fi
echo "== the DJL application example (examples/djl-app): every variant with DJL's Trainer and defaults"
mvn -B -q -f "$root/examples/djl-app/pom.xml" verify
echo "DJL library integration: OK"
