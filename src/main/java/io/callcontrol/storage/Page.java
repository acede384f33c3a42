package io.callcontrol.storage;

import java.util.List;

/** One page of a listing: {@code page} counts from 1, {@code total} is the size of the whole listing. */
public record Page<T>(List<T> items, int page, int perPage, long total) {
    public Page {
        items = List.copyOf(items);
    }

    public long pages() {
        return (total + perPage - 1) / perPage;
    }
}
