package io.callcontrol.http.render;

import java.util.List;

/**
 * A body that is also a table, so it can be answered as CSV ({@code /api/<method>.csv}); only such bodies can.
 * Cells are plain values (text, numbers, null for an empty cell); the writer does all quoting.
 */
public interface Table {

    /** The header row. */
    List<String> columns();

    /** The rows, each with one cell per column. */
    List<List<Object>> rows();
}
