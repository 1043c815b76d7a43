package dev.logship.bench;

import dev.logship.bench.ScaleApply.Seen;
import dev.logship.bench.ScaleApply.WorkerResult;
import dev.logship.localecs.LocalEcsServer;
import dev.logship.testkit.Fleet;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 4: the naive script over the same fleet on a fresh local-ecs with the same
 * buckets, cold and then again on unchanged input, each figure beside logship's from scenario 3.
 */
final class ScriptSideBySide {
    static final String S4 = ScaleApply.S4;

    private ScriptSideBySide() {}

    static List<Row> run(Fleet fleet, double t, WorkerResult cold, Seen logshipCold, WorkerResult second, Seen logshipSecond) {
        List<Row> rows = new ArrayList<>();
        NaiveScript.Result first;
        NaiveScript.Result again;
        Seen scriptCold;
        Seen scriptSecond;
        try (LocalEcsServer ecs = Ecs.start(fleet.nodes(), t)) {
            first = NaiveScript.run(ecs.endpoint(), fleet.forwardersByCluster(), fleet.nodesPerCluster());
            scriptCold = Seen.of(ecs);
            again = NaiveScript.run(ecs.endpoint(), fleet.forwardersByCluster(), fleet.nodesPerCluster());
            scriptSecond = Seen.of(ecs);
        }
        rows.add(Row.single(S4, "script wall, cold (logship's in the bound column)", ScaleApply.seconds(first.wallMillis()),
                "logship " + ScaleApply.seconds(cold.wallMs()), (double) first.wallMillis() / cold.wallMs()));
        rows.add(Row.single(S4, "ECS calls, cold: script vs logship", String.valueOf(scriptCold.total()),
                "logship " + logshipCold.total(), (double) scriptCold.total() / logshipCold.total()));
        rows.add(Row.single(S4, "revisions registered, cold: script vs logship", String.valueOf(scriptCold.ok("RegisterTaskDefinition")),
                "logship " + logshipCold.ok("RegisterTaskDefinition"), Double.NaN));
        rows.add(Row.single(S4, "errors after retries, cold: script vs logship", first.errors() + " " + first.sampleErrors(),
                "logship " + cold.failures(), Double.NaN));
        rows.add(Row.single(S4, "ThrottlingException answers, cold: script vs logship", String.valueOf(scriptCold.throttled()),
                "logship " + logshipCold.throttled(), Double.NaN));
        rows.add(Row.single(S4, "second run, unchanged input: script wall", ScaleApply.seconds(again.wallMillis()),
                "logship " + ScaleApply.seconds(second.wallMs()), (double) again.wallMillis() / Math.max(1, second.wallMs())));
        rows.add(Row.single(S4, "second run: mutating calls, script vs logship", String.valueOf(scriptSecond.mutatingOk()),
                "logship " + logshipSecond.mutatingOk(), Double.NaN));
        rows.add(Row.single(S4, "second run: revisions registered, script vs logship", String.valueOf(scriptSecond.ok("RegisterTaskDefinition")),
                "logship " + logshipSecond.ok("RegisterTaskDefinition"), Double.NaN));
        rows.add(Row.single(S4, "second run: errors, script vs logship", again.errors() + " " + again.sampleErrors(),
                "logship " + second.failures(), Double.NaN));
        return rows;
    }

}
