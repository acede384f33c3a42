package io.callcontrol.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Random and hostile HTTP requests for the fuzz test, each with what the API contract says must become of it.
 * Input {@code i} depends only on the seed and {@code i}, so a failing input can be made again. The generator
 * knows which makeCall requests are fully valid: it builds the parameters first, then encodes them in ways that
 * decode back to exactly them; every mutation that could blur that (raw bytes in the request line, broken framing)
 * is only ever applied to a request whose first parameter is an invalid {@code sip}, so it stays invalid however
 * the server splits the bytes.
 */
final class FuzzInputs {

    /** What one input is, and what must become of it. */
    record Input(int index, String kind, byte[] bytes, boolean head, boolean halfClose, boolean makeCall,
                 String validExternalKey, String expectedEncoding) {

        boolean validCall() {
            return validExternalKey != null;
        }
    }

    /** The README's parameter rules: the oracle for which makeCalls may reach the Dialer. */
    private static final Pattern SIP = Pattern.compile("[0-9]{1,20}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{3,20}");
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern EXTERNAL_KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final Set<String> RESERVED = Set.of("sip", "phone", "order_id", "external_key", "api_key");

    static final List<String> HOSTILE = List.of(
            "", " ", "\r\n", "\r\nAction: Originate\r\nChannel: Local/666\r\n\r\n", "\n", "\r", "\0", "%00", "\u0000abc",
            "&", ",", "/", "@", ";", "|", "&&", "1000&phone=1", "1000,1001", "1000/1", "1000@evil", "1000;x", "1000|1",
            "1000 ", " 1000", "\t1000", "+1000", "-1", "0x10", "1e3", "1.0", "\uFF11\uFF10\uFF10\uFF10",
            "\u0661\u0662\u0663", "1000\u200b", "1000\u0085", "1000\u2028", "' OR '1'='1", "1; DROP TABLE calls;--",
            "\"><script>alert(1)</script>", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
            "]]>", "&amp;", "&#0;", "${jndi:ldap://x/a}", "%s%s%n", "../../etc/passwd", "..%2f..%2f", "%2e%2e%2f",
            "%252e", "%zz", "%", "%%", "\uD83D\uDE00", "\uFFFF", "\uD800", "\uFEFF1000", "A".repeat(300),
            "9".repeat(21), "9".repeat(100), "0", "00000000000000000000001", "99999999999999999999999", "-", "_",
            ":", ".", "true", "null", "[]", "{}", "=", "?", "#", "+", "*", "\\", "\"", "'", "`", "<", ">", "~",
            "Local/1000@from-internal", "PJSIP/1000", "SIP/1000&SIP/1001", "1000\r\n\r\nAction: Logoff");
    private static final List<String> CALL_NAMES = List.of("makeCall", "MakeCall", "MAKECALL", "make_call", "make-call",
            "mAkE_cAlL", "makecall");
    private static final List<String> BAD_CALL_NAMES = List.of("makeCal", "makeCall2", "make Call", "makeCall\0",
            "makeCalls", "xmakeCall", "make.Call", "makeCall/", "make%Call", "makeCall;", "\u043CakeCall");
    private static final List<String> OTHER_METHODS = List.of("recordList", "RecordsList", "orderRecords",
            "orderHistory", "callHistory", "sipList", "operatorHistory", "SIPLIST", "call_history", "dropTables",
            "", "..", "makeCall/../sipList", "sipList.json", "\0");
    private static final List<String> OTHER_PARAMS = List.of("page", "per_page", "order_id", "group_by_call",
            "call_id", "after_id", "limit", "status", "sip");
    private static final List<String> OTHER_VERBS = List.of("HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE",
            "CONNECT", "get", "Post", "PROPFIND", "M-SEARCH", "BREW", "GETX", "X".repeat(40));
    private static final List<String> STRANGE_PATHS = List.of("/", "*", "/api", "/api/", "/api/.json", "/api/.xml",
            "//api/makeCall.json", "/api//makeCall.json", "/api/makeCall.json/", "/api/makeCall.json/..",
            "/api/./makeCall.json", "/api/../api/makeCall.json", "/index.html", "/.env", "/.git/config",
            "/etc/passwd", "/recordings", "/recordings/", "/API", "/api/sipList.json.xml", "/api/sipList.xml.json",
            "/\u00e9", "/%", "/%zz", "/%u002e", "/api/%", "/api/makeCall.%", "/api/sipList.json%", "/api/sipList.%00",
            "http://evil.example/api/sipList.json", "https://x/api/makeCall.json", "example.com:443",
            "/api/sipList.json#frag", "/?", "/??", "/api/sipList.json??x", "/api/sipList.json?&&&=&=",
            "/" + "a/".repeat(2000), "/api/" + "x".repeat(10_000) + ".json");
    private static final List<String> RECORDING_NAMES = List.of("1.wav", "2.gsm", "1", "1.gsm", "99.wav", "0.wav",
            "-1.wav", "1.wav.wav", "1..wav", "%2e%2e%2fsecret.txt", "..%2f..%2fetc%2fpasswd", "%252e%252e%252f",
            "../secret.txt", "..\\secret.txt", "1.wav%00", "%00", "1.WAV", "999999999999999999999.wav", "1.wav/",
            "1.wav?x=../../", "./1.wav", "/1.wav", "%2f1.wav", "\u00b9.wav", "1.w\u0430v", "3.wav", "4.wav");
    private static final List<String> RANGES = List.of("bytes=0-9", "bytes=-5", "bytes=5-", "bytes=9-0",
            "bytes=0-0,5-9", "bytes=99999999999999999999-", "bytes=-0", "bytes=--1", "items=0-1", "bytes=", "bytes=a-b",
            "bytes=1000-", "bytes=0-99999999999999999999");
    private static final List<String> RAW_INJECTIONS = List.of("\r\n", "\r\nX-Injected: 1\r\n", "\n", "\r", "\0",
            " HTTP/1.1\r\nHost: evil\r\n\r\n", " HTTP/1.0", "#frag", "\t", "\u00ff\u00fe", "%", "%zz", "&&&", "?",
            "\"", "<>", "{}", "|", "\\", " ", "\u2028", "\r\n\r\n");

    private final long seed;
    private final String apiKey;

    FuzzInputs(long seed, String apiKey) {
        this.seed = seed;
        this.apiKey = apiKey;
    }

    Input make(int index) {
        Random r = new Random(seed * 1_000_003L + index);
        int kind = r.nextInt(100);
        if (kind < 45) {
            return makeCall(r, index);
        }
        if (kind < 63) {
            return otherMethod(r, index);
        }
        if (kind < 73) {
            return strangePath(r, index);
        }
        if (kind < 83) {
            return recording(r, index);
        }
        if (kind < 93) {
            return framing(r, index);
        }
        return garbage(r, index);
    }

    private Input makeCall(Random r, int index) {
        boolean hazard = r.nextInt(100) < 8;
        boolean valid = !hazard;
        String name = CALL_NAMES.get(r.nextInt(CALL_NAMES.size()));
        if (r.nextInt(100) < 10) {
            name = pick(r, BAD_CALL_NAMES);
            valid = false;
        }
        String ext = pick(r, List.of("json", "xml", "JSON", "Xml"));
        if (r.nextInt(100) < 8) {
            ext = pick(r, List.of("html", "", "json ", "jsonx", "json/", "txt", "xml\0", "js"));
            valid = false;
        }
        String path = (r.nextInt(10) == 0 ? "/API/" : "/api/") + name + "." + ext;
        FuzzRequest request = new FuzzRequest(pickVerb(r), path);
        valid &= request.verb.equals("GET") || request.verb.equals("POST");

        List<String[]> params = new ArrayList<>();
        String sip = digits(r, 1 + r.nextInt(20));
        String phone = (r.nextInt(4) == 0 ? "+" : "") + digits(r, 3 + r.nextInt(18));
        String orderId = word(r, "ABCXYZabcxyz0123456789_-", 1 + r.nextInt(64));
        String externalKey = "k" + index + "-" + word(r, "Aa09_.:-", r.nextInt(20));
        String[] names = {"sip", "phone", "order_id", "external_key"};
        String[] values = {sip, phone, orderId, externalKey};
        Pattern[] rules = {SIP, PHONE, ORDER_ID, EXTERNAL_KEY};
        for (int i = 0; i < 4; i++) {
            int p = r.nextInt(100);
            if (p < 3) {
                valid = false;
                continue;
            }
            if (p < 13) {
                // external_key keeps its unique start, so a hostile variant that is still valid is no repeat.
                values[i] = wire(i == 3 ? externalKey + hostileVariant(r, "") : hostileVariant(r, values[i]));
                valid &= rules[i].matcher(values[i]).matches();
            }
            params.add(new String[] {names[i], values[i]});
            if (r.nextInt(100) < 8) {
                // Repeated: harmless with the same value, a refusal with another.
                String again = r.nextInt(3) == 0 ? wire(hostileVariant(r, values[i])) : values[i];
                valid &= again.equals(values[i]);
                params.add(new String[] {names[i], again});
            }
        }
        for (int junk = r.nextInt(100) < 30 ? 1 + r.nextInt(5) : 0; junk > 0; junk--) {
            params.add(new String[] {wire(junkName(r)), wire(pick(r, HOSTILE))});
        }
        Collections.shuffle(params, r);
        if (hazard) {
            // Raw bytes that may break the request line: only behind a sip that no split can make valid.
            request.rawFirst = "sip=x" + pick(r, RAW_INJECTIONS) + digits(r, 4);
            request.halfClose = true;
        }
        // A name given twice with different values is refused, whatever the name.
        valid &= !conflicting(params);
        valid &= placeParams(r, request, params, !hazard);
        valid &= placeKey(r, request);
        if (!hazard && r.nextInt(100) < 4 && request.verb.equals("GET")) {
            // A body on a GET is ignored.
            request.body = randomBytes(r, 1 + r.nextInt(200));
            request.header("Content-Type", pick(r, List.of("application/octet-stream",
                    "application/x-www-form-urlencoded")));
        }
        byte[] bytes = request.bytes(r);
        valid &= request.lineLength <= HttpApiInitializer.MAX_REQUEST_LINE && request.body.length <= 65_536;
        String encoding = hazard || request.lineLength > HttpApiInitializer.MAX_REQUEST_LINE ? null : encodingOf(path);
        return new Input(index, hazard ? "makeCall (raw bytes)" : "makeCall", bytes, request.verb.equals("HEAD"),
                request.halfClose, true, valid ? values[3] : null, encoding);
    }

    private Input otherMethod(Random r, int index) {
        String ext = r.nextInt(10) == 0 ? pick(r, List.of("html", "", "JSON", "xml\0", "json.xml")) : pick(r,
                List.of("json", "xml"));
        String path = "/api/" + pick(r, OTHER_METHODS) + "." + ext;
        FuzzRequest request = new FuzzRequest(pickVerb(r), path);
        List<String[]> params = new ArrayList<>();
        for (int n = r.nextInt(5); n > 0; n--) {
            String value = r.nextInt(3) == 0 ? pick(r, HOSTILE)
                    : r.nextBoolean() ? Integer.toString(r.nextInt(100)) : pick(r, List.of("15", "1000", "offline,inuse",
                    "online", "1", "0", "42", ""));
            params.add(new String[] {r.nextInt(8) == 0 ? junkName(r) : pick(r, OTHER_PARAMS), value});
        }
        placeParams(r, request, params, true);
        placeKey(r, request);
        return finish(index, "other method", request, encodingOf(path));
    }

    private Input strangePath(Random r, int index) {
        String path = r.nextInt(4) == 0 ? "/" + pick(r, HOSTILE) : pick(r, STRANGE_PATHS);
        FuzzRequest request = new FuzzRequest(pickVerb(r), path);
        request.rawPath = !path.startsWith("/") || path.contains("%") || path.contains("#") || path.contains("?");
        if (r.nextBoolean()) {
            placeParams(r, request, List.<String[]>of(new String[] {junkName(r), pick(r, HOSTILE)}), true);
        }
        placeKey(r, request);
        return finish(index, "strange path", request, null);
    }

    private Input recording(Random r, int index) {
        String name = r.nextInt(4) == 0 ? pick(r, HOSTILE) : pick(r, RECORDING_NAMES);
        FuzzRequest request = new FuzzRequest(r.nextInt(4) == 0 ? "HEAD" : pickVerb(r), "/recordings/" + name);
        request.rawPath = r.nextBoolean() && name.chars().allMatch(c -> c > 32 && c < 127);
        if (r.nextInt(3) == 0) {
            request.header("Range", pick(r, RANGES));
        }
        placeKey(r, request);
        return finish(index, "recording", request, null);
    }

    /** Broken framing, sent to sipList or to a makeCall whose sip is invalid; the answer is optional. */
    private Input framing(Random r, int index) {
        boolean call = r.nextBoolean();
        FuzzRequest request = new FuzzRequest(pick(r, List.of("GET", "POST", "PUT")), call
                ? "/api/makeCall.json" : "/api/sipList.json");
        if (call) {
            request.rawFirst = "sip=x1000&phone=380639920000&order_id=1&external_key=f" + index;
        }
        request.header("X-API-Key", apiKey);
        request.halfClose = true;
        byte[] body = randomBytes(r, r.nextInt(100));
        switch (r.nextInt(16)) {
            case 0 -> request.header("Content-Length", pick(r, List.of("abc", "-1", "1, 2", "99999999999999999999",
                    "+5", "0x10", " ")));
            case 1 -> {
                request.header("Content-Length", Integer.toString(body.length));
                request.header("Transfer-Encoding", "chunked");
            }
            case 2 -> request.header("Transfer-Encoding", pick(r, List.of("gzip", "chunked, gzip", "identity",
                    "xchunked", "chunked\0")));
            case 3 -> {
                request.header("Transfer-Encoding", "chunked");
                request.rawBody = pick(r, List.of("zz\r\nabc\r\n0\r\n\r\n", "5\r\nabc\r\n0\r\n\r\n",
                        "-1\r\n\r\n", "ffffffffffffffff\r\n", "3;ext=\"\0\"\r\nabc\r\n0\r\n\r\n", "0\r\nX-Trailer: 1\r\n\r\n"));
            }
            case 4 -> {
                request.header("Content-Length", "3");
                request.header("Content-Length", "4");
            }
            case 5 -> request.rawHeader("Bad Header Name: x");
            case 6 -> request.rawHeader("NoColonHere");
            case 7 -> request.rawHeader("X-Folded: a\r\n continued");
            case 8 -> request.rawHeader("X-Nul: a\0b");
            case 9 -> request.rawHeader(": empty-name");
            case 10 -> request.version = pick(r, List.of("HTTP/2.0", "HTTP/9.9", "HTTX/1.1", "HTTP/1", "http/1.1",
                    "HTTP/1.1 extra", ""));
            case 11 -> request.header("Expect", pick(r, List.of("100-continue", "200-ok", "100-continue, x")));
            case 12 -> {
                for (int i = 0; i < 150; i++) {
                    request.header("X-Many-" + i, "v");
                }
            }
            case 13 -> request.header("X-" + "n".repeat(5000), "v");
            case 14 -> request.bareLf = true;
            default -> request.declaredLength = body.length + 1 + r.nextInt(100);
        }
        request.body = body;
        return finish(index, "framing", request, null);
    }

    /** Bytes that are barely or not at all HTTP; the connection is half-closed after them. */
    private Input garbage(Random r, int index) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (r.nextBoolean()) {
            bytes.writeBytes(pick(r, List.of("GET ", "POST /api/", "GET /api/sipList.json HTTP/1.1\r\n", "\r\n",
                    "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "\u0016\u0003\u0001")).getBytes(StandardCharsets.ISO_8859_1));
        }
        bytes.writeBytes(randomBytes(r, r.nextInt(2000)));
        if (r.nextBoolean()) {
            bytes.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return new Input(index, "garbage", bytes.toByteArray(), false, true, false, null, null);
    }

    private Input finish(int index, String kind, FuzzRequest request, String encoding) {
        byte[] bytes = request.bytes(new Random(index));
        boolean clean = !request.halfClose && request.lineLength <= HttpApiInitializer.MAX_REQUEST_LINE
                && !request.rawPath && !request.verb.equals("CONNECT");
        return new Input(index, kind, bytes, request.verb.equals("HEAD"), request.halfClose, false, null,
                clean ? encoding : null);
    }

    /**
     * Puts the parameters in the query or, for a POST, the form body. False when that makes the request invalid
     * (a POST body that is not a form).
     */
    private static boolean placeParams(Random r, FuzzRequest request, List<String[]> params, boolean mayUseBody) {
        boolean post = request.verb.equals("POST") && mayUseBody;
        for (String[] param : params) {
            if (post && r.nextInt(10) < 7) {
                request.form.add(param);
            } else {
                request.query.add(param);
            }
        }
        if (!request.form.isEmpty() || post && r.nextInt(10) == 0) {
            int t = r.nextInt(100);
            String type = t < 85 ? "application/x-www-form-urlencoded"
                    : t < 90 ? "application/x-www-form-urlencoded; charset=" + pick(r, List.of("UTF-8", "bogus", "\"utf-8\""))
                    : t < 95 ? pick(r, List.of("text/plain", "application/json", "multipart/form-data; boundary=x"))
                    : null;
            if (type != null) {
                request.header("Content-Type", type);
            }
            return t < 90 || request.form.isEmpty();
        }
        return true;
    }

    /** Presents the key in one of its forms, or a wrong one; false when the request presents no valid key. */
    private boolean placeKey(Random r, FuzzRequest request) {
        int k = r.nextInt(100);
        if (k < 30) {
            request.header("X-API-Key", apiKey);
            if (r.nextInt(10) == 0) {
                // A decoy parameter: the header wins.
                request.query.add(new String[] {"api_key", "decoy-decoy-decoy-decoy"});
            }
        } else if (k < 50) {
            request.header("Authorization", pick(r, List.of("Bearer ", "bearer ", "BEARER ")) + apiKey);
        } else if (k < 70 || k < 85 && !request.verb.equals("POST")) {
            request.query.add(0, new String[] {"api_key", apiKey});
        } else if (k < 85) {
            // In the form when there is one, else in the query.
            boolean form = request.headers.stream().anyMatch(h -> h.equals("Content-Type: application/x-www-form-urlencoded")
                    || h.startsWith("Content-Type: application/x-www-form-urlencoded; charset="));
            (form ? request.form : request.query).add(new String[] {"api_key", apiKey});
        } else if (k < 90) {
            return false;
        } else if (k < 95) {
            request.header(pick(r, List.of("X-API-Key", "Authorization")), pick(r, List.of("wrong-wrong-wrong-wrong",
                    "Bearer", "Basic YWRtaW46YWRtaW4=", apiKey.substring(1), apiKey + "x", apiKey.toLowerCase(Locale.ROOT))));
            return false;
        } else {
            request.query.add(new String[] {"api_key", pick(r, HOSTILE)});
            return false;
        }
        return true;
    }

    /**
     * Whether a name other than api_key comes twice with different values. As the server's decoder reads them,
     * {@code =x} (no name) is the name {@code x} with an empty value.
     */
    private static boolean conflicting(List<String[]> params) {
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (String[] param : params) {
            String name = param[0].isEmpty() ? param[1] : param[0];
            String value = param[0].isEmpty() ? "" : param[1];
            String before = seen.putIfAbsent(name, value);
            if (before != null && !before.equals(value) && !name.equals("api_key")) {
                return true;
            }
        }
        return false;
    }

    /** The text as the server decodes it: UTF-8 turns an unpaired surrogate into '?'. */
    private static String wire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The encoding the API answers a path in: XML when its last dot is followed by "xml", in any case. */
    private static String encodingOf(String path) {
        return path.substring(path.lastIndexOf('.') + 1).equalsIgnoreCase("xml") ? "xml" : "json";
    }

    private static String hostileVariant(Random r, String valid) {
        String hostile = pick(r, HOSTILE);
        return switch (r.nextInt(4)) {
            case 0 -> hostile;
            case 1 -> valid + hostile;
            case 2 -> hostile + valid;
            default -> valid.substring(0, valid.length() / 2) + hostile + valid.substring(valid.length() / 2);
        };
    }

    private static String junkName(Random r) {
        String name = r.nextBoolean() ? pick(r, HOSTILE) : pick(r, List.of("SIP", "Phone", "sip ", "sip\0", "sip[]",
                "order-id", "externalKey", "api-key", "API_KEY", "callback", "__proto__", "x"));
        return RESERVED.contains(name) ? name + "_" : name;
    }

    private String pickVerb(Random r) {
        int v = r.nextInt(100);
        return v < 55 ? "GET" : v < 88 ? "POST" : pick(r, OTHER_VERBS);
    }

    private static String digits(Random r, int length) {
        return word(r, "0123456789", length);
    }

    private static String word(Random r, String alphabet, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return word.toString();
    }

    private static byte[] randomBytes(Random r, int length) {
        byte[] bytes = new byte[length];
        r.nextBytes(bytes);
        // Never a parameter name the oracle relies on, however the server reads the bytes.
        for (int i = 0; i + 2 < length; i++) {
            if ((bytes[i] | 0x20) == 's' && (bytes[i + 1] | 0x20) == 'i' && (bytes[i + 2] | 0x20) == 'p') {
                bytes[i] = 'z';
            }
        }
        return bytes;
    }

    static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }
}
