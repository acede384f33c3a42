package io.callcontrol.http.recordings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a file one GET sends, from its Range header. Only a single range is honoured; a header we do not
 * understand (several ranges, another unit, bad syntax) is ignored and the whole file sent, as RFC 9110 allows.
 *
 * @param start  first byte sent
 * @param length bytes sent
 * @param size   the whole file's size
 */
record ByteRange(long start, long length, long size, Kind kind) {

    enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

    private static final Pattern SINGLE = Pattern.compile("bytes=([0-9]{0,18})-([0-9]{0,18})",
            Pattern.CASE_INSENSITIVE);

    static ByteRange of(String header, long size) {
        Matcher m = header == null ? null : SINGLE.matcher(header.trim());
        if (m == null || !m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return whole(size);
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            return suffix == 0 || size == 0 ? unsatisfiable(size) : partial(Math.max(0, size - suffix), size - 1, size);
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (last < first) {
            return whole(size);
        }
        return first >= size ? unsatisfiable(size) : partial(first, Math.min(last, size - 1), size);
    }

    private static ByteRange whole(long size) {
        return new ByteRange(0, size, size, Kind.WHOLE);
    }

    private static ByteRange partial(long first, long last, long size) {
        return new ByteRange(first, last - first + 1, size, Kind.PARTIAL);
    }

    private static ByteRange unsatisfiable(long size) {
        return new ByteRange(0, 0, size, Kind.UNSATISFIABLE);
    }

    /** The Content-Range header of a 206 or 416. */
    String contentRange() {
        return kind == Kind.UNSATISFIABLE
                ? "bytes */" + size
                : "bytes " + start + "-" + (start + length - 1) + "/" + size;
    }
}
