package io.callcontrol.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.callcontrol.Await;
import io.callcontrol.call.CallStatus;
import io.callcontrol.config.Config;
import io.callcontrol.control.FakeLink;
import io.callcontrol.control.MemoryTrace;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.http.api.ApiParams;
import io.callcontrol.http.api.ApiRoutes;
import io.callcontrol.http.render.TimeFormat;
import io.callcontrol.http.monitor.HealthWatch;
import io.callcontrol.metrics.Metrics;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.push.EventFeed;
import io.callcontrol.push.PushStore;
import io.callcontrol.schedule.Schedules;
import io.netty.channel.embedded.EmbeddedChannel;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * openapi.yaml against the real daemon (real Netty server, real SQLite store): every documented operation, called
 * with its documented examples, answers a documented status with exactly the documented shape, in JSON and XML;
 * every method, handler, parameter and limit the code has is documented; and the description is valid OpenAPI 3.
 */
public class OpenApiContractTest {

    private static final OpenApiDocument DOC = OpenApiDocument.bundled();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Pipeline handlers that answer no path of their own. */
    private static final Set<String> PLUMBING = Set.of("connections", "idle", "idleCloser", "deadline", "codec",
            "keepAlive", "aggregator", "arrived", "sequencer", "malformed", "access", "rateLimit", "notFound");
    /** The handlers that answer paths, and the documented paths they answer. */
    private static final Map<String, List<String>> ANSWERING = Map.of(
            "health", List.of("/health"),
            "metrics", List.of("/metrics"),
            "events", List.of("/api/events"),
            "openApi", List.of("/openapi.yaml", "/openapi.json"),
            "recordings", List.of("/recordings/{file}"),
            "api", List.of("/api/"));

    @RegisterExtension
    static final SeededDaemon daemon = new SeededDaemon();

    @Test
    void isValidOpenApi3() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser()
                .readContents(new String(DOC.yaml, StandardCharsets.UTF_8), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
        assertThat(DOC.operations()).extracting(OpenApiDocument.Operation::id).doesNotHaveDuplicates()
                .doesNotContain("");
    }

    /**
     * Each operation with all its examples and with its required parameters only, in each encoding. A call that
     * places a call is sent with an external_key of its own (the documented one is the shape) and, scheduled, with
     * a time_to_call 30 days ahead (a fixed date would fall outside the allowed year some day); it can succeed
     * once: GET is asked in JSON first, POST in XML first, and the repeat in the other encoding must be the
     * documented 409. releaseCall, hangupLeg, sendDtmf and spyCall are asked to act on a call just placed (their example, call 1, has ended),
     * callActions to list the actions of one, and
     * cancelCall to cancel a call just scheduled; its required parameters only are none, which is the documented
     * 400. A scheduled call whose attempt has started is made first, so that scheduledCalls lists an attempt.
     */
    @Test
    void everyOperationAnswersItsDocumentedStatusWithExactlyTheDocumentedShape() throws Exception {
        SchemaCheck json = new SchemaCheck(DOC);
        SchemaCheck xml = new SchemaCheck(DOC);
        Set<String> statusesSeen = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        daemon.startedSchedule();
        for (OpenApiDocument.Operation operation : DOC.operations()) {
            if (DOC.webSocket(operation)) {
                continue; // an HTTP client cannot upgrade: EventSocketTest holds /api/events to its description
            }
            boolean placesCalls = placesCalls(operation);
            List<String> formats = new ArrayList<>(DocumentedCall.formats(DOC, operation));
            if (placesCalls && operation.method().equals("post")) {
                Collections.reverse(formats);
            }
            for (DocumentedCall documented : DocumentedCall.examples(DOC, operation)) {
                DocumentedCall example = sendable(documented);
                boolean first = true;
                for (String format : formats) {
                    DocumentedCall call = example.in(format);
                    if (operation.id().startsWith("releaseCall")) {
                        call = call.with("call_id", Long.toString(placeCall(false)));
                    }
                    if (List.of("hangupLeg", "sendDtmf", "spyCall", "recordCall").contains(operation.id())) {
                        call = call.with("call_id", Long.toString(talkingCall(daemon, "1000")));
                    }
                    if (operation.id().equals("callActions")) { // a call with an action to list
                        long controlled = talkingCall(daemon, "1000");
                        daemon.client().get("/api/sendDtmf.json?call_id=" + controlled + "&digits=12%23",
                                SeededDaemon.AUTH);
                        call = call.with("call_id", Long.toString(controlled));
                    }
                    if (call.params().containsKey("schedule_id")) {
                        call = call.with("schedule_id", Long.toString(placeCall(true)));
                    }
                    HttpResponse<byte[]> response = call.send(DOC, daemon.client());
                    boolean repeat = placesCalls && !first;
                    first = false;
                    boolean nothingToCancel = operation.id().startsWith("cancelCall") && call.params().isEmpty();
                    int expected = repeat ? 409 : nothingToCancel ? 400 : 0;
                    if (expected != 0 ? response.statusCode() != expected
                            : !documentedSuccess(operation, response.statusCode())) {
                        problems.add(call + ": status " + response.statusCode() + " " + ApiClient.text(response));
                        continue;
                    }
                    if (expected == 0) {
                        statusesSeen.add(operation + " " + response.statusCode());
                    }
                    problems.addAll(prefixed(call.toString(), answer(operation, response, json, xml)));
                }
            }
        }

        assertThat(problems).isEmpty();
        assertThat(statusesSeen).containsAll(documentedSuccesses());
        assertThat(json.matched()).as("schemas some JSON answer matched")
                .containsAll(answerSchemas("application/json"));
        assertThat(xml.matched()).as("schemas some XML answer matched")
                .containsAll(answerSchemas("application/xml"));
    }

    /**
     * Whether the operation places calls: it requires an external_key. (Documenting a 409 does not tell:
     * releaseCall and cancelCall answer 409 too.)
     */
    static boolean placesCalls(OpenApiDocument.Operation operation) {
        boolean inQuery = DOC.parameters(operation).stream().anyMatch(p -> p.get("name").asText()
                .equals("external_key") && p.path("required").asBoolean(false));
        JsonNode form = DOC.resolve(DOC.formBody(operation).path("schema"));
        boolean inForm = texts(form.path("required")).contains("external_key");
        return inQuery || inForm;
    }

    /**
     * A documented call as it can be sent today: with an external_key of its own when it places a call, and a
     * time_to_call 30 days ahead when it has one (within the year the daemon accepts, whatever the date).
     */
    static DocumentedCall sendable(DocumentedCall documented) {
        DocumentedCall call = documented.withNewExternalKey();
        if (call.params().containsKey("time_to_call")) {
            call = call.with("time_to_call", OffsetDateTime.now(ZoneOffset.ofHours(3)).plusDays(30)
                    .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
        return call;
    }

    /**
     * Places a call with makeCall's required parameters and a new external_key, its call_id; or, scheduled, schedules
     * one with makeCall's example (a scheduled one), its schedule_id.
     */
    /**
     * A call placed now whose operator and client the seeded daemon's Asterisk lists (it lists a channel of each
     * for every call it was asked to originate; those of operator 1001 refuse every action).
     */
    static long talkingCall(SeededDaemon daemon, String sip) throws Exception {
        HttpResponse<byte[]> made = daemon.client().get("/api/makeCall.json?sip=" + sip + "&phone=380639920000"
                + "&order_id=15&external_key=talking-" + System.nanoTime(), SeededDaemon.AUTH);
        assertThat(made.statusCode()).as(ApiClient.text(made)).isEqualTo(200);
        long callId = JSON.readTree(made.body()).get("call_id").asLong();
        Await.until(() -> {
            try {
                HttpResponse<byte[]> active = daemon.client().get("/api/activeCalls.json?sip=" + sip,
                        SeededDaemon.AUTH);
                for (JsonNode call : JSON.readTree(active.body()).get("calls")) {
                    if (call.get("call_id").asLong() == callId) {
                        return call.get("legs").size() == 2;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, java.time.Duration.ofSeconds(10), "call " + callId + "'s two channels in the seeded Asterisk");
        return callId;
    }

    private static long placeCall(boolean scheduled) throws Exception {
        OpenApiDocument.Operation makeCall = DOC.operations().stream().filter(o -> o.id().equals("makeCall"))
                .findFirst().orElseThrow();
        DocumentedCall call = sendable(DocumentedCall.examples(DOC, makeCall).get(scheduled ? 0 : 1).in("json"));
        HttpResponse<byte[]> made = call.send(DOC, daemon.client());
        assertThat(made.statusCode()).as(call + ": " + ApiClient.text(made)).isEqualTo(200);
        return JSON.readTree(made.body()).get(scheduled ? "schedule_id" : "call_id").asLong();
    }

    /** Every limit and pattern the description gives a query parameter is the one the code enforces. */
    @Test
    void documentedLimitsAreTheOnesTheCodeEnforces() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (OpenApiDocument.Operation operation : apiOperations("get")) {
            List<DocumentedCall> examples = DocumentedCall.examples(DOC, operation);
            DocumentedCall base = examples.get(examples.size() - 1).in("json"); // the required parameters only
            for (JsonNode parameter : DOC.parameters(operation)) {
                if (!parameter.get("in").asText().equals("query")) {
                    continue;
                }
                String name = parameter.get("name").asText();
                JsonNode schema = DOC.resolve(parameter.get("schema"));
                if (parameter.path("required").asBoolean(false)) {
                    problems.addAll(refused(operation, base.withNewExternalKey().with(name, null), name));
                    checked++;
                }
                for (String bad : outside(schema)) {
                    problems.addAll(refused(operation, base.withNewExternalKey().with(name, bad), name));
                    checked++;
                }
                for (String good : edges(schema)) {
                    HttpResponse<byte[]> response = base.withNewExternalKey().with(name, good)
                            .send(DOC, daemon.client());
                    if (response.statusCode() == 400) {
                        problems.add(operation + " " + name + "=" + good + " is within the documented limits but "
                                + "refused: " + ApiClient.text(response));
                    }
                    checked++;
                }
            }
        }

        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThan(30);
    }

    /**
     * The code reads no parameter the description does not give: every string constant of the http package and
     * of CallRequest that could name a parameter is sent, with a value no rule accepts, to every API operation
     * that does not document it; the answer must be the same as without it.
     */
    @Test
    void noOperationReadsAParameterItDoesNotDocument() throws Exception {
        Set<String> strings = new HashSet<>(ClassStrings.ofPackage(ApiParams.class));
        strings.addAll(ClassStrings.of(CallRequest.class));
        Set<String> candidates = strings.stream().filter(s -> s.matches("[a-z][a-z0-9_]{0,39}"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(candidates).contains("page", "per_page", "order_id", "sip", "phone", "external_key", "call_id",
                "after_id", "limit", "group_by_call", "status");
        List<String> problems = new ArrayList<>();
        List<OpenApiDocument.Operation> operations = new ArrayList<>(apiOperations("get"));
        operations.addAll(apiOperations("post"));
        // makeCall, releaseCall and cancelCall change the store, which would change the others' answers: they go last
        operations.sort((a, b) -> Boolean.compare(DOC.changesState(a), DOC.changesState(b)));
        for (OpenApiDocument.Operation operation : operations) {
            Set<String> documented = documentedNames(operation);
            for (DocumentedCall example : DocumentedCall.examples(DOC, operation)) {
                DocumentedCall plain = example.in("json").withNewExternalKey();
                HttpResponse<byte[]> without = plain.send(DOC, daemon.client());
                for (String name : candidates) {
                    if (documented.contains(name)) {
                        continue;
                    }
                    HttpResponse<byte[]> with = plain.withNewExternalKey().with(name, "<!>").send(DOC, daemon.client());
                    boolean same = DOC.changesState(operation) || DOC.live(operation)
                            ? with.statusCode() == without.statusCode()
                            : with.statusCode() == without.statusCode() && Arrays.equals(with.body(), without.body());
                    if (!same) {
                        problems.add(operation + " reads '" + name + "', which it does not document: "
                                + with.statusCode() + " " + ApiClient.text(with));
                    }
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everyMethodAndAliasIsDocumented() {
        // with schedules, as the daemon has them (without, the schedule methods are unknown); none is called here
        Schedules schedules = (Schedules) Proxy.newProxyInstance(Schedules.class.getClassLoader(),
                new Class<?>[] {Schedules.class}, (proxy, method, args) -> {
                    throw new AssertionError("not called: " + method);
                });
        ApiRoutes routes = new ApiRoutes(new FakeHistory(), new FakeDialer(), schedules,
                new TimeFormat(ZoneOffset.UTC), List::of, TestParts.NO_TALLIES,
                MemoryTrace.control(new FakeHistory(), new FakeLink()));
        Pattern apiPath = Pattern.compile("/api/([A-Za-z]+)\\.\\{format}");
        Set<String> documented = new TreeSet<>();
        DOC.root.get("paths").fields().forEachRemaining(path -> {
            Matcher m = apiPath.matcher(path.getKey());
            if (m.matches()) {
                documented.add(m.group(1));
                assertThat(routes.find(m.group(1))).as(path.getKey()).isNotNull();
                path.getValue().path("x-aliases").forEach(alias ->
                        assertThat(routes.find(alias.asText())).as("alias " + alias).isSameAs(routes.find(m.group(1))));
            }
        });

        assertThat(documented).containsExactlyInAnyOrderElementsOf(Arrays.asList(routes.known().split(", ")));
    }

    /** A new handler that answers requests fails here until its paths are documented (and listed above). */
    @Test
    void everyHandlerThatAnswersRequestsHasItsPathsDocumented(@TempDir Path dir) throws Exception {
        Config config = Config.from(Map.of("recordings.dir", daemon.dir().toString()));
        try (PushStore store = PushStore.open(dir); Metrics metrics = new Metrics();
             EventFeed feed = new EventFeed(store.log, store.changes, 1)) {
            HttpApiServer.Parts parts =
                    new TestParts(config.http(), config.recordings()).metrics(metrics).push(feed, List::of).build();
            HttpApiInitializer initializer = new HttpApiInitializer(parts, Runnable::run,
                    new HealthWatch(parts.health(), parts.webhooks()));
            assertHandlersDocumented(new EmbeddedChannel(initializer));
        }
    }

    private static void assertHandlersDocumented(EmbeddedChannel channel) {
        Set<String> paths = new HashSet<>();
        DOC.root.get("paths").fieldNames().forEachRemaining(paths::add);
        try {
            for (String name : channel.pipeline().names()) {
                if (name.contains("#") || PLUMBING.contains(name)) { // '#': Netty's own, EmbeddedChannel's
                    continue;
                }
                assertThat(ANSWERING).as("pipeline handler '%s' answers paths nobody documented in openapi.yaml",
                        name).containsKey(name);
                for (String path : ANSWERING.get(name)) {
                    assertThat(paths.stream().anyMatch(p -> p.startsWith(path))).as(name + ": " + path).isTrue();
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void enumsAreTheCodes() {
        JsonNode schemas = DOC.root.at("/components/schemas");

        assertThat(texts(schemas.at("/ErrorDetail/properties/code/enum"))).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList());
        assertThat(texts(schemas.at("/CallStatus/enum"))).containsExactlyElementsOf(
                Arrays.stream(CallStatus.values()).map(CallStatus::name).toList());
        assertThat(texts(schemas.at("/OperatorStatus/enum"))).containsExactlyElementsOf(
                Arrays.stream(OperatorStatus.values()).map(OperatorStatus::apiName).toList());
    }

    @Test
    void theDescriptionIsServedAsYamlAndJsonWithoutAKey() throws Exception {
        HttpResponse<byte[]> yaml = daemon.client().get("/openapi.yaml");
        HttpResponse<byte[]> json = daemon.client().get("/openapi.json");

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("Content-Type")).hasValue("application/yaml; charset=UTF-8");
        assertThat(yaml.body()).isEqualTo(DOC.yaml);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(JSON.readTree(json.body())).isEqualTo(new YAMLMapper().readTree(yaml.body()));
        assertThat(daemon.client().method("HEAD", "/openapi.json").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> post = daemon.client().method("POST", "/openapi.yaml");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    /** The headers and body of a documented answer, checked against its documentation; the problems found. */
    static List<String> answer(OpenApiDocument.Operation operation, HttpResponse<byte[]> response, SchemaCheck json,
            SchemaCheck xml) throws Exception {
        List<String> problems = new ArrayList<>();
        JsonNode documented = DOC.response(operation, response.statusCode());
        documented.path("headers").fields().forEachRemaining(header -> {
            boolean required = DOC.resolve(header.getValue()).path("required").asBoolean(false);
            if (required && response.headers().firstValue(header.getKey()).isEmpty()) {
                problems.add("required header " + header.getKey() + " missing");
            }
        });
        JsonNode content = documented.path("content");
        if (content.isMissingNode() || operation.method().equals("head")) {
            if (response.body().length > 0) {
                problems.add("a body, documented none");
            }
            return problems;
        }
        String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim()
                .toLowerCase(Locale.ROOT);
        JsonNode schema = content.path(type).path("schema");
        if (schema.isMissingNode()) {
            List<String> documentedTypes = new ArrayList<>();
            content.fieldNames().forEachRemaining(documentedTypes::add);
            problems.add("Content-Type " + type + ", documented " + documentedTypes);
            return problems;
        }
        switch (type) {
            case "application/json" -> problems.addAll(json.json(JSON.readTree(response.body()), schema));
            case "application/yaml" -> problems.addAll(json.json(new YAMLMapper().readTree(response.body()), schema));
            case "application/xml" -> problems.addAll(xml.xml(ApiClient.xml(response).getDocumentElement(), schema));
            case "text/plain" -> {
                if (response.body().length == 0) {
                    problems.add("text/plain: an empty body");
                }
            }
            case "text/csv" -> { // the header row is the documented example's
                String example = content.path(type).path("example").asText();
                String body = new String(response.body(), StandardCharsets.UTF_8);
                if (example.isEmpty() || !body.startsWith(example.substring(0, example.indexOf('\n')) + "\r\n")) {
                    problems.add("text/csv: the header row is not the documented example's: " + body.lines().findFirst());
                }
            }
            default -> {
                if (!"binary".equals(schema.path("format").asText()) || response.body().length == 0) {
                    problems.add(type + ": an empty body or one not documented as binary");
                }
            }
        }
        return problems;
    }

    private static boolean documentedSuccess(OpenApiDocument.Operation operation, int status) {
        return status >= 200 && status < 300 && !DOC.response(operation, status).isMissingNode();
    }

    /** Every (operation, 2xx status) the description documents. */
    private static Set<String> documentedSuccesses() {
        Set<String> all = new TreeSet<>();
        for (OpenApiDocument.Operation operation : DOC.operations()) {
            operation.definition().path("responses").fieldNames().forEachRemaining(status -> {
                if (status.startsWith("2")) {
                    all.add(operation + " " + status);
                }
            });
        }
        return all;
    }

    /** The component schemas the success answers of a content type are made of. */
    private static Set<String> answerSchemas(String contentType) {
        Set<String> names = new TreeSet<>();
        for (OpenApiDocument.Operation operation : DOC.operations()) {
            operation.definition().path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    collectSchemas(DOC.resolve(response.getValue()).path("content").path(contentType).path("schema"),
                            names);
                }
            });
        }
        return names;
    }

    private static void collectSchemas(JsonNode node, Set<String> names) {
        String name = OpenApiDocument.schemaName(node);
        if (name != null && !names.add(name)) {
            return;
        }
        JsonNode schema = DOC.resolve(node);
        schema.path("oneOf").forEach(alternative -> collectSchemas(alternative, names));
        schema.path("properties").forEach(property -> collectSchemas(property, names));
        if (schema.has("items")) {
            collectSchemas(schema.get("items"), names);
        }
    }

    private static List<String> refused(OpenApiDocument.Operation operation, DocumentedCall call, String parameter)
            throws Exception {
        HttpResponse<byte[]> response = call.send(DOC, daemon.client());
        JsonNode body = JSON.readTree(response.body());
        List<String> problems = new ArrayList<>();
        if (response.statusCode() != 400 || !parameter.equals(body.at("/error/parameter").asText())) {
            problems.add(call + ": expected 400 naming " + parameter + ", got " + response.statusCode() + " " + body);
        } else {
            JsonNode schema = DOC.response(operation, 400).at("/content/application~1json/schema");
            problems.addAll(prefixed(call.toString(), new SchemaCheck(DOC).json(body, schema)));
        }
        return problems;
    }

    /** Values just outside the documented limits, pattern or choices. */
    public static List<String> outside(JsonNode schema) {
        List<String> values = new ArrayList<>();
        if (schema.has("enum")) {
            values.add(schema.get("type").asText().equals("integer") ? "2" : "nobody");
        }
        if (schema.path("type").asText().equals("array")) {
            values.add("nobody");
            values.add(schema.at("/example/0").asText() + ",nobody");
        }
        if (schema.has("minimum")) {
            values.add(schema.get("minimum").bigIntegerValue().subtract(BigInteger.ONE).toString());
        }
        if (schema.has("maximum")) {
            values.add(schema.get("maximum").bigIntegerValue().add(BigInteger.ONE).toString());
        }
        if (schema.path("type").asText().equals("integer")) {
            values.add("1.5");
            values.add("x");
        }
        if (schema.has("pattern")) {
            String example = schema.get("example").asText();
            values.add(example + "!");
            values.add(example.substring(0, 1) + " " + example.substring(1));
        }
        if (schema.has("maxLength")) {
            values.add(repeatLast(schema.get("example").asText(), schema.get("maxLength").asInt() + 1));
        }
        if (schema.has("minLength") && schema.get("minLength").asInt() > 0) {
            values.add(repeatLast(schema.get("example").asText(), schema.get("minLength").asInt() - 1));
        }
        values.removeIf(String::isEmpty); // an empty value is an absent one
        return values;
    }

    /** Values on the documented limits that the pattern also allows. */
    public static List<String> edges(JsonNode schema) {
        List<String> values = new ArrayList<>();
        for (String limit : List.of("minimum", "maximum")) {
            if (schema.has(limit)) {
                values.add(schema.get(limit).bigIntegerValue().toString());
            }
        }
        if (schema.has("enum")) {
            schema.get("enum").forEach(option -> values.add(option.asText()));
        }
        if (schema.path("type").asText().equals("array")) {
            values.add(String.join(",", texts(DOC.resolve(schema.get("items")).path("enum"))));
        }
        for (String length : List.of("minLength", "maxLength")) {
            if (schema.has(length)) {
                values.add(repeatLast(schema.get("example").asText(), schema.get(length).asInt()));
            }
        }
        values.removeIf(v -> v.isEmpty() || schema.has("pattern") && !v.matches(schema.get("pattern").asText()));
        return values;
    }

    private static String repeatLast(String example, int length) {
        StringBuilder value = new StringBuilder(example.substring(0, Math.min(example.length(), length)));
        while (value.length() < length) {
            value.append(example.charAt(example.length() - 1));
        }
        return value.toString();
    }

    /** The API methods' operations (not the WebSocket's, which EventSocketTest checks). */
    private static List<OpenApiDocument.Operation> apiOperations(String method) {
        return DOC.operations().stream().filter(o -> o.path().startsWith("/api/") && o.method().equals(method)
                && !DOC.webSocket(o)).toList();
    }

    /** The parameter names an operation documents, query or form, and the API key's. */
    private static Set<String> documentedNames(OpenApiDocument.Operation operation) {
        Set<String> names = new HashSet<>(Set.of(ApiParams.API_KEY));
        DOC.parameters(operation).forEach(p -> names.add(p.get("name").asText()));
        DOC.properties(DOC.formBody(operation).path("schema")).keySet().forEach(names::add);
        return names;
    }

    private static List<String> prefixed(String prefix, List<String> problems) {
        return problems.stream().map(p -> prefix + ": " + p).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
