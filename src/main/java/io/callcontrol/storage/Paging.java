package io.callcontrol.storage;

/**
 * Which page of a listing to read, newest first: by number ({@code page} counts from 1), or by key, the
 * {@code perPage} rows just below {@code beforeId}, which costs the same however deep it goes.
 */
public record Paging(int page, long beforeId, int perPage) {

    public Paging {
        if (perPage < 1 || (page < 1) == (beforeId < 1) || page < 0 || beforeId < 0) {
            throw new IllegalArgumentException("a page is a number from 1 or an id from 1, with perPage from 1: page "
                    + page + ", beforeId " + beforeId + ", perPage " + perPage);
        }
    }

    public static Paging number(int page, int perPage) {
        return new Paging(page, 0, perPage);
    }

    public static Paging before(long beforeId, int perPage) {
        return new Paging(0, beforeId, perPage);
    }

    public boolean byKey() {
        return beforeId > 0;
    }

    /** The rows to skip when reading by number. */
    long offset() {
        return (long) (page - 1) * perPage;
    }
}
