package io.callcontrol.storage;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One page of a listing: {@code page} counts from 1, or is 0 for a page read by key ({@link Paging#before});
 * {@code total} is the size of the whole listing.
 */
public record Page<T>(List<T> items, int page, int perPage, long total) {
    public Page {
        items = List.copyOf(items);
    }

    public long pages() {
        return (total + perPage - 1) / perPage;
    }

    /** The page's number, or null for a page read by key. */
    public Integer number() {
        return page == 0 ? null : page;
    }

    /**
     * Where the next page (newest first) starts: the id of this page's last item, for {@link Paging#before}; null
     * when this page came back short, so there is no next page.
     */
    public Long nextBeforeId(ToLongFunction<T> id) {
        return items.size() < perPage ? null : id.applyAsLong(items.get(items.size() - 1));
    }
}
