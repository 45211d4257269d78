package dev.sky.clouds.aws.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Query API endpoint for EC2 and STS. Which service is asked comes from the SigV4 credential scope
 * ({@code Credential=AKID/date/region/service/aws4_request}); so does the region. Signatures are required but
 * not verified; the access key id must be the emulator's.
 */
final class Ec2Handler implements HttpHandler {
    private static final Pattern SCOPE =
            Pattern.compile("AWS4-HMAC-SHA256\\s+Credential=([^/,\\s]+)/\\d{8}/([a-z0-9-]+)/([a-z0-9]+)/aws4_request");

    private final Ec2Emulator emulator;

    Ec2Handler(Ec2Emulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Matcher scope = auth == null ? null : SCOPE.matcher(auth);
            boolean signed = scope != null && scope.find();
            String region = signed ? scope.group(2) : null;
            boolean sts = signed && scope.group(3).equals("sts");
            QueryParams params;
            try {
                params = QueryParams.parse(body);
            } catch (IllegalArgumentException e) {
                params = QueryParams.parse("");
            }
            String action = params.get("Action", "(none)");
            long latency = 0;
            try {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    throw Ec2Error.client("InvalidAction", "The emulator answers POST requests only");
                }
                if (!signed) {
                    throw Ec2Error.authFailure();
                }
                if (!scope.group(1).equals(emulator.options().accessKeyId())) {
                    throw sts ? new Ec2Error(403, "InvalidClientTokenId",
                            "The security token included in the request is invalid.") : Ec2Error.authFailure();
                }
                Ec2Error throttled = emulator.faults().throttle(action);
                if (throttled != null) {
                    throw throttled;
                }
                latency = emulator.faults().latencyMillis(action);
                sleep(latency);
                boolean sessionCaller = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token") != null;
                String xml = sts ? Sts.answer(params, emulator, sessionCaller, requestId)
                        : emulator.dispatch(action, params, region, requestId);
                emulator.ledger().record(action, region, params.asMap(), "ok", 200, latency);
                send(exchange, 200, xml, -1);
            } catch (Ec2Error e) {
                emulator.ledger().record(action, region, params.asMap(), e.code, e.status, latency);
                send(exchange, e.status, sts ? stsError(e, requestId) : ec2Error(e, requestId), e.retryAfterSeconds);
            } catch (RuntimeException e) {
                emulator.ledger().record(action, region, params.asMap(), "InternalError", 500, latency);
                Ec2Error internal = new Ec2Error(500, "InternalError", "An internal error has occurred: " + e);
                send(exchange, 500, ec2Error(internal, requestId), -1);
            }
        }
    }

    static String ec2Error(Ec2Error e, String requestId) {
        return new Xml().open("Response").open("Errors").open("Error").leaf("Code", e.code)
                .leaf("Message", e.getMessage()).close("Error").close("Errors").leaf("RequestID", requestId)
                .close("Response").toString();
    }

    private static String stsError(Ec2Error e, String requestId) {
        return new Xml().openNs("ErrorResponse", Xml.STS_NS).open("Error")
                .leaf("Type", e.status >= 500 ? "Receiver" : "Sender").leaf("Code", e.code)
                .leaf("Message", e.getMessage()).close("Error").leaf("RequestId", requestId)
                .close("ErrorResponse").toString();
    }

    private static void send(HttpExchange exchange, int status, String xml, long retryAfter) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        if (retryAfter >= 0) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** STS: GetCallerIdentity and GetFederationToken. */
    static final class Sts {
        private Sts() {}

        static String answer(QueryParams p, Ec2Emulator emulator, boolean sessionCaller, String requestId) {
            EmulatorOptions o = emulator.options();
            String action = p.required("Action");
            if (action.equals("GetFederationToken")) {
                return emulator.sts().answer(p, o, sessionCaller, requestId);
            }
            if (!action.equals("GetCallerIdentity")) {
                throw Ec2Error.client("InvalidAction", "Could not find operation " + action + " for version "
                        + p.get("Version", "(none)"));
            }
            return new Xml().openNs("GetCallerIdentityResponse", Xml.STS_NS).open("GetCallerIdentityResult")
                    .leaf("Arn", "arn:aws:iam::" + o.accountId() + ":user/sky-emulator")
                    .leaf("UserId", "AIDAEMULATOR000000001").leaf("Account", o.accountId())
                    .close("GetCallerIdentityResult").open("ResponseMetadata").leaf("RequestId", requestId)
                    .close("ResponseMetadata").close("GetCallerIdentityResponse").toString();
        }
    }
}
