package dev.sky.clouds.aws.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The emulator's control path, {@code POST /_emulator/<command>?name=value...}, for what runs outside the test
 * JVM: a node's {@code shutdown} command, or a test flipping a fault while a CLI subprocess works. Answers
 * {@code 200 ok} (or a text body for the read commands), {@code 400 <why>} for a bad command.
 * <ul>
 *   <li>{@code shutdown?instance=i-...} a shutdown from inside the instance</li>
 *   <li>{@code preempt?instance=i-...}</li>
 *   <li>{@code capacity?zone=..&type=..} (either may be left out: any), {@code capacity-clear}</li>
 *   <li>{@code capacity-limit?k=..&zone=..}, {@code create-then-fail?k=..}</li>
 *   <li>{@code vcpu-quota?region=..&vcpus=..}, {@code instance-quota?region=..&count=..}</li>
 *   <li>{@code throttle?next=N&retryAfter=S}, {@code throttle-rate?perSecond=R&retryAfter=S},
 *   {@code throttle-fraction?p=P&seed=S&retryAfter=S}, {@code throttle-describe-after-run?next=N}</li>
 *   <li>{@code zone-capacity?zone=..&k=..} (at most k live instances in the zone)</li>
 *   <li>{@code latency?ms=..&action=..}, {@code consistency?ms=..}</li>
 *   <li>{@code terminate-failures?next=N&code=..}, {@code terminate-silent?next=N} (success answered, nothing
 *   terminated)</li>
 *   <li>{@code reset} clears every fault</li>
 *   <li>{@code live} (GET or POST) the live instance ids, one a line</li>
 * </ul>
 */
final class ControlApi implements HttpHandler {
    static final String PATH = "/_emulator";

    private final Ec2Emulator emulator;

    ControlApi(Ec2Emulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String command = exchange.getRequestURI().getPath().substring(PATH.length()).replaceFirst("^/", "");
            String query = exchange.getRequestURI().getRawQuery();
            QueryParams p = QueryParams.parse(query == null ? "" : query);
            int status = 200;
            String body;
            try {
                body = run(command, p);
            } catch (RuntimeException e) {
                status = 400;
                body = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain;charset=UTF-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String run(String command, QueryParams p) {
        Faults f = emulator.faults();
        switch (command) {
            case "shutdown" -> emulator.shutdownFromInside(p.required("instance"));
            case "preempt" -> emulator.preempt(p.required("instance"));
            case "capacity" -> f.insufficientCapacity(p.get("zone"), p.get("type"));
            case "capacity-clear" -> f.clearCapacity();
            case "capacity-limit" -> f.capacityLimit(p.get("zone"), p.requiredInt("k"));
            case "create-then-fail" -> f.createThenFail(p.requiredInt("k"));
            case "vcpu-quota" -> f.vcpuQuota(p.required("region"), p.requiredInt("vcpus"));
            case "instance-quota" -> f.instanceQuota(p.required("region"), p.requiredInt("count"));
            case "throttle" -> f.throttleNext(p.requiredInt("next"), p.getInt("retryAfter", -1));
            case "throttle-rate" -> f.throttleRate(Double.parseDouble(p.required("perSecond")),
                    p.getInt("retryAfter", -1));
            case "throttle-fraction" -> f.throttleFraction(Double.parseDouble(p.required("p")),
                    Long.parseLong(p.get("seed", "0")), p.getInt("retryAfter", -1));
            case "zone-capacity" -> f.zoneCapacity(p.required("zone"), p.requiredInt("k"));
            case "throttle-describe-after-run" -> f.throttleDescribeAfterRun(p.requiredInt("next"));
            case "latency" -> f.latency(p.get("action"), Duration.ofMillis(p.requiredInt("ms")));
            case "consistency" -> f.eventualConsistency(Duration.ofMillis(p.requiredInt("ms")));
            case "terminate-failures" -> f.failTerminations(p.requiredInt("next"), p.get("code"));
            case "terminate-silent" -> f.silentTerminations(p.requiredInt("next"));
            case "reset" -> f.reset();
            case "live" -> {
                return emulator.liveInstances().stream().map(Ec2Emulator.InstanceView::id)
                        .collect(Collectors.joining("\n"));
            }
            default -> throw new IllegalArgumentException("unknown control command '" + command + "'");
        }
        return "ok";
    }
}
