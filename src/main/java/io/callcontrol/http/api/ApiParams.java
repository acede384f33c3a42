package io.callcontrol.http.api;

import io.callcontrol.dial.CallRefusedException;
import io.callcontrol.dial.CallRequest;
import io.callcontrol.http.ApiException;
import io.callcontrol.http.ErrorCode;
import io.callcontrol.operator.OperatorStatus;
import io.callcontrol.storage.Paging;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's parameters (query and form body merged) and the one place the API's parameters are validated.
 * An empty value counts as absent, as HTML forms send empty fields. makeCall's parameters are validated by
 * {@link CallRequest}, the one place for those, and so are order_id and sip wherever they are given.
 */
public final class ApiParams {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    /** The parameter an API key may come in: the AccessHandler reads it, no method ever sees it. */
    public static final String API_KEY = "api_key";

    private final Map<String, String> values;

    ApiParams(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Decodes a request URI with ';' taken as an ordinary character: as a separator it would split
     * {@code phone=1000;x} into a valid phone and a stray parameter instead of refusing it.
     */
    public static QueryStringDecoder decodeUri(String uri) {
        return QueryStringDecoder.builder().semicolonIsNormalChar(true).build(uri);
    }

    /** The query parameters, merged with the form body of a POST; a name given twice must keep its value. */
    public static ApiParams from(QueryStringDecoder uri, FullHttpRequest request) throws ApiException {
        Map<String, String> values = new HashMap<>();
        try {
            merge(values, uri.parameters());
            if (HttpMethod.POST.equals(request.method()) && request.content().isReadable()) {
                if (!isForm(request)) {
                    throw ApiException.of(ErrorCode.INVALID_PARAMETER,
                            "request body: must be " + HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED);
                }
                merge(values, decodeForm(request));
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.of(ErrorCode.INVALID_PARAMETER, "request: malformed percent-encoding");
        }
        return new ApiParams(values);
    }

    /**
     * The form body's parameters when the request is a POST with a form body, else none.
     *
     * @throws IllegalArgumentException when the body is not valid percent-encoding
     */
    public static Map<String, List<String>> formParameters(FullHttpRequest request) {
        boolean form = HttpMethod.POST.equals(request.method()) && request.content().isReadable() && isForm(request);
        return form ? decodeForm(request) : Map.of();
    }

    private static boolean isForm(FullHttpRequest request) {
        CharSequence mime = HttpUtil.getMimeType(request);
        return mime != null && HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.contentEqualsIgnoreCase(mime);
    }

    private static Map<String, List<String>> decodeForm(FullHttpRequest request) {
        String body = request.content().toString(HttpUtil.getCharset(request, StandardCharsets.UTF_8));
        return QueryStringDecoder.builder().hasPath(false).semicolonIsNormalChar(true).build(body).parameters();
    }

    private static void merge(Map<String, String> into, Map<String, List<String>> from) throws ApiException {
        for (Map.Entry<String, List<String>> entry : from.entrySet()) {
            if (entry.getKey().equals(API_KEY)) {
                continue;
            }
            for (String value : entry.getValue()) {
                String before = into.putIfAbsent(entry.getKey(), value);
                if (before != null && !before.equals(value)) {
                    throw ApiException.invalid(entry.getKey(), "given more than once with different values");
                }
            }
        }
    }

    /** The value as sent, or null when absent or empty. */
    public String text(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    int page() throws ApiException {
        return (int) number("page", 1, 1, Integer.MAX_VALUE);
    }

    int perPage() throws ApiException {
        return (int) number("per_page", 20, 1, 500);
    }

    /**
     * Which page of a newest-first listing: {@code page} and {@code per_page}, or {@code before_id} (the page of
     * rows below that id, as deep as wanted at the cost of the first) and {@code per_page}; not page and before_id.
     */
    Paging paging() throws ApiException {
        if (text("before_id") == null) {
            return Paging.number(page(), perPage());
        }
        if (text("page") != null) {
            throw ApiException.invalid("before_id", "cannot be combined with page; give one of them");
        }
        return Paging.before(number("before_id", 1, 1, Long.MAX_VALUE), perPage());
    }

    /** A whole number in [min, max]: digits only, so no sign, blank, fraction or overflow gets through. */
    public long number(String name, long fallback, long min, long max) throws ApiException {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        if (DIGITS.matcher(value).matches()) {
            long number;
            try {
                number = Long.parseLong(value);
            } catch (NumberFormatException e) { // digits only, so it is above Long.MAX_VALUE: -1 says "above max"
                number = -1;
            }
            if (number < 0 || number > max) {
                throw ApiException.invalid(name, "must be a whole number from " + min + " to " + max);
            }
            if (number >= min) {
                return number;
            }
        }
        throw ApiException.invalid(name, max >= Integer.MAX_VALUE
                ? "must be a whole number >= " + min
                : "must be a whole number from " + min + " to " + max);
    }

    /** A required whole number >= min. */
    long requiredNumber(String name, long min) throws ApiException {
        if (text(name) == null) {
            throw ApiException.invalid(name, "is required");
        }
        return number(name, min, min, Long.MAX_VALUE);
    }

    /** A 0|1 switch, 0 when absent. */
    boolean flag(String name) throws ApiException {
        String value = text(name);
        if (value == null || value.equals("0")) {
            return false;
        }
        if (value.equals("1")) {
            return true;
        }
        throw ApiException.invalid(name, "must be 0 or 1");
    }

    /** The required order_id, by makeCall's rule. */
    String orderId() throws ApiException {
        try {
            return CallRequest.validOrderId(text("order_id"));
        } catch (CallRefusedException e) {
            throw ApiException.refused(e);
        }
    }

    /** The operator filter, by makeCall's rule for sip; null (all operators) when absent. */
    String optionalSip() throws ApiException {
        String value = text("sip");
        try {
            return value == null ? null : CallRequest.validSip(value);
        } catch (CallRefusedException e) {
            throw ApiException.refused(e);
        }
    }

    /** A required phone number in parameter {@code name}, by makeCall's rule for sip. */
    String sipNumber(String name) throws ApiException {
        try {
            return CallRequest.validSip(name, text(name));
        } catch (CallRefusedException e) {
            throw ApiException.refused(e);
        }
    }

    /**
     * An operator filter of several: a comma list of sips, each by makeCall's rule (the WebSocket feed's {@code
     * sip=1000,1001}); empty (all operators) when absent.
     */
    public Set<String> sips() throws ApiException {
        String value = text("sip");
        Set<String> sips = new LinkedHashSet<>();
        if (value == null) {
            return sips;
        }
        for (String item : value.split(",", -1)) {
            try {
                sips.add(CallRequest.validSip(item));
            } catch (CallRefusedException e) {
                throw ApiException.invalid("sip", "must be a comma list of operators' sip numbers (1 to 20 digits"
                        + " each); '" + item + "' is not one");
            }
        }
        return sips;
    }

    /** The sipList filter: a comma list of offline, online, inuse; empty (all) when absent. */
    Set<OperatorStatus> statuses() throws ApiException {
        String value = text("status");
        Set<OperatorStatus> statuses = EnumSet.noneOf(OperatorStatus.class);
        if (value == null) {
            return statuses;
        }
        for (String item : value.split(",", -1)) {
            OperatorStatus status = OperatorStatus.fromApiName(item.trim().toLowerCase(Locale.ROOT));
            if (status == null) {
                String shown = item.length() > 32 ? item.substring(0, 32) + "..." : item;
                throw ApiException.invalid("status",
                        "must be a comma list of offline, online, inuse; '" + shown + "' is none of them");
            }
            statuses.add(status);
        }
        return statuses;
    }
}
